// The playground's page: server-rendered HTML and a small script, no framework and no build step. It looks
// like a messenger: pick people of the organisation, each opens a chat column; type, press buttons, watch
// cards arrive in the supervisor's column; run a scheduled job as of a chosen time.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#e9edf1;color:#1c2733}
header{background:#0b6e4f;color:#fff;padding:10px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:18px;margin:0}
.banner{background:#ffd54f;color:#3e2c00;padding:6px 16px;font-weight:600;border-bottom:1px solid #d4a800}
.bar{display:flex;gap:8px;align-items:center;flex-wrap:wrap;padding:8px 16px;background:#fff;border-bottom:1px solid #cfd8dc}
.bar select,.bar input,.bar button{font:inherit;padding:4px 8px}
#columns{display:flex;gap:12px;padding:12px;overflow-x:auto;align-items:flex-start}
.col{flex:0 0 380px;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0003;display:flex;flex-direction:column;height:calc(100vh - 170px);min-height:420px}
.col h2{font-size:15px;margin:0;padding:8px 12px;background:#075e54;color:#fff;border-radius:8px 8px 0 0;display:flex;justify-content:space-between;gap:8px}
.col h2 small{opacity:.85;font-weight:400}
.col h2 button{background:none;border:0;color:#fff;cursor:pointer;font-size:16px}
.msgs{flex:1;overflow-y:auto;padding:10px;background:#ece5dd;display:flex;flex-direction:column;gap:6px}
.msg{max-width:92%;padding:6px 9px;border-radius:8px;white-space:pre-wrap;word-wrap:break-word;box-shadow:0 1px 1px #0002}
.msg.bot{background:#fff;align-self:flex-start}
.msg.person{background:#dcf8c6;align-self:flex-end}
.msg.notice{background:#fff3cd;align-self:center;font-size:13px;font-style:italic}
.msg .h{font-weight:700}
.msg .note{color:#5f6b76;font-size:13px;margin-top:4px}
.msg hr{border:0;border-top:1px solid #ddd}
.msg img{max-width:100%;display:block;margin-top:4px}
.msg a.file{display:inline-block;margin-top:6px}
.row{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px}
.row button{flex:1 1 auto;font:inherit;font-size:13px;padding:5px 8px;border:1px solid #90a4ae;background:#f5f7f8;border-radius:6px;cursor:pointer}
.row button.primary{background:#0b6e4f;color:#fff;border-color:#0b6e4f}
.row button.danger{background:#fff;color:#b00020;border-color:#b00020}
form.send{display:flex;gap:6px;padding:8px;border-top:1px solid #cfd8dc}
form.send input{flex:1;font:inherit;padding:6px 8px}
form.send button{font:inherit}
form.send .attach{cursor:pointer;font-size:18px;align-self:center}
form.send .attach input{display:none}
#jobResult{font-size:13px;color:#37474f}
`

const SCRIPT = `
const $ = (s, el = document) => el.querySelector(s)
const api = (path, body) => fetch('/playground/api/' + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}).then(async (r) => { const j = await r.json().catch(() => ({})); if (!r.ok) throw new Error(j.error || r.status); return j })
const ROLE = { EMPLOYEE: 'Pegawai', SUPERVISOR: 'Atasan', LEADER: 'Pimpinan', ADMIN: 'Admin' }
let people = []
const open = new Map()

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v)
  for (const k of kids) if (k != null) e.append(k)
  return e
}

function draw(col, m) {
  const box = el('div', { class: 'msg ' + m.from, 'data-ref': m.ref })
  for (const b of m.blocks) {
    if (b.type === 'text') { if (b.heading) box.append(el('div', { class: 'h' }, b.heading)); if (b.text) box.append(el('div', {}, b.text)) }
    else if (b.type === 'note') box.append(el('div', { class: 'note' }, b.text))
    else if (b.type === 'divider') box.append(el('hr'))
    else if (b.type === 'buttons') box.append(el('div', { class: 'row' }, ...b.buttons.map((x) => el('button', { class: x.role || '', 'data-action': x.data, onclick: () => press(col, m.ref, x.data) }, x.label))))
  }
  if (m.image) box.append(el('img', { src: m.image, alt: 'grafik' }))
  if (m.file) box.append(el('a', { class: 'file', href: m.file.url, download: m.file.name }, '📎 ' + m.file.name))
  const old = col.list.querySelector('[data-ref="' + m.ref + '"]')
  if (old) old.replaceWith(box); else col.list.append(box)
}

async function poll(col) {
  try {
    const r = await api('chat?as=' + encodeURIComponent(col.person.id) + '&after=' + col.cursor)
    const atEnd = col.list.scrollHeight - col.list.scrollTop - col.list.clientHeight < 40
    for (const m of r.messages) draw(col, m)
    col.cursor = r.cursor
    if (r.messages.length && atEnd) col.list.scrollTop = col.list.scrollHeight
  } catch (e) { console.warn(e) }
}

const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random())
async function send(col, text, file) { await api('send', { as: col.person.id, text, id: newId(), ...(file ? { file } : {}) }).catch((e) => alert(e.message)); await poll(col); pollAll() }
/** A chosen file as the API takes it: name, type and the bytes in base64. */
const readFile = (f) => new Promise((resolve, reject) => { const r = new FileReader(); r.onload = () => resolve({ name: f.name, mime: f.type, base64: String(r.result).split(',')[1] || '' }); r.onerror = reject; r.readAsDataURL(f) })
async function press(col, ref, data) { await api('send', { as: col.person.id, data, ref, id: newId() }).catch((e) => alert(e.message)); await poll(col); pollAll() }

function openPerson(id) {
  if (open.has(id)) return
  // a guest is a chat of no one yet: to practise linking with a code (/start KODE)
  const person = typeof id === 'string' ? { id, name: 'Tamu (belum terhubung)', role: 'GUEST', unit: { code: id } } : people.find((p) => p.id === id)
  if (!person) return
  const list = el('div', { class: 'msgs' })
  const input = el('input', { placeholder: 'Ketik pesan, mis. /lapor 08:00-10:00 Rapat koordinasi', 'aria-label': 'Pesan' })
  const attach = el('input', { type: 'file', 'aria-label': 'Lampirkan bukti dukung', title: 'Lampirkan bukti dukung (foto atau dokumen)' })
  const col = { person, list, cursor: 0 }
  const node = el('section', { class: 'col', 'data-person': String(id) },
    el('h2', {}, el('span', {}, person.name, el('br'), el('small', {}, (ROLE[person.role] || person.role) + ' · ' + person.unit.code)), el('button', { title: 'Tutup', onclick: () => { node.remove(); open.delete(id) } }, '✕')),
    list,
    el('form', { class: 'send', onsubmit: async (e) => {
      e.preventDefault()
      const t = input.value.trim()
      const f = attach.files && attach.files[0]
      if (!t && !f) return
      input.value = ''
      attach.value = ''
      void send(col, t, f ? await readFile(f) : undefined)
    } }, el('label', { class: 'attach', title: 'Lampirkan bukti dukung' }, '📎', attach), input, el('button', { type: 'submit' }, 'Kirim')))
  col.node = node
  open.set(id, col)
  $('#columns').append(node)
  void poll(col).then(() => { list.scrollTop = list.scrollHeight })
}

function pollAll() { for (const c of open.values()) void poll(c) }

async function main() {
  people = (await api('people')).people
  const pick = $('#person')
  for (const p of people) pick.append(el('option', { value: String(p.id) }, p.name + ' — ' + (ROLE[p.role] || p.role) + ', ' + p.unit.code))
  pick.append(el('option', { value: 'guest-1' }, 'Tamu (belum terhubung): latihan kode tautan'))
  const idOf = (v) => (/^guest-/.test(v) ? v : Number(v))
  $('#open').addEventListener('click', () => openPerson(idOf(pick.value)))
  $('#runJob').addEventListener('click', async () => {
    const at = $('#jobAt').value
    $('#jobResult').textContent = '…'
    try {
      const r = await api('run-job', { job: $('#job').value, ...(at ? { at } : {}) })
      $('#jobResult').textContent = r.job + ' (' + r.period + '): ' + (r.status === 'done' ? r.result.enqueued + ' pesan baru, ' + r.result.duplicates + ' sudah pernah dikirim' : r.status) + (r.ahead ? ' · waktu ini belum tiba: periode ' + r.period + ' kini tercatat selesai, jadwal aslinya nanti tidak mengirim lagi' : '')
    } catch (e) { $('#jobResult').textContent = e.message }
    setTimeout(pollAll, 300)
  })
  const q = new URLSearchParams(location.search).get('as')
  for (const id of (q || '').split(',').filter(Boolean)) openPerson(idOf(id))
  setInterval(pollAll, 1000)
}
void main()
`

export function playgroundPage(opts: { jobs: readonly string[]; tz: string }): string {
  const jobs = opts.jobs.map((j) => `<option value="${escapeHtml(j)}">${escapeHtml(j)}</option>`).join('')
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>kinerja-bot · Mode latihan</title><style>${STYLE}</style></head>
<body>
<header><h1>kinerja-bot</h1><span>Playground: coba dan latihan tanpa Telegram, Slack atau WhatsApp</span></header>
<div class="banner" role="status">Mode latihan (sandbox): data di sini adalah database demo, bukan laporan kinerja sungguhan.</div>
<div class="bar">
  <label>Pegawai <select id="person"></select></label><button id="open" type="button">Buka chat</button>
  <span style="flex:1"></span>
  <label>Tugas <select id="job">${jobs}</select></label>
  <label>pada <input id="jobAt" type="datetime-local" title="waktu setempat (${escapeHtml(opts.tz)}); kosong: sekarang"></label>
  <button id="runJob" type="button">Jalankan</button><span id="jobResult"></span>
</div>
<main id="columns"></main>
<script type="module">${SCRIPT}</script>
</body></html>`
}
