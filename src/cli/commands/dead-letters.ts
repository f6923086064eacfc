import { configSecrets, discardDeadLetters, listDeadLetters, retryDeadLetters, shownReason, type Selection } from '../../notify/dead-letters.js'
import { formatDateTimeId } from '../../messages/format.js'
import type { Command } from '../index.js'

const ACTIONS = ['list', 'retry', 'discard'] as const

function selection(args: string[]): Selection | string {
  if (args.length === 1 && args[0] === 'semua') return { all: true }
  if (args.length === 0) return 'Sebutkan id pesan (lihat "dead-letters list") atau "semua".'
  const bad = args.filter((a) => !/^\d{1,12}$/.test(a))
  if (bad.length > 0) return `Id pesan harus angka: ${bad.join(', ')}`
  return { ids: args.map(Number) }
}

export const deadLetters: Command = {
  name: 'dead-letters',
  args: ['<list|retry|discard>', '[id|semua…]'],
  summary:
    'Pesan yang gagal dikirim setelah semua percobaan (status DEAD): list menampilkannya dengan alasannya; retry mengirimnya ' +
    'lagi (aplikasi yang berjalan mengirimnya dalam beberapa detik); discard melepaskannya untuk selamanya. Retry dan discard dicatat di jejak audit.',
  examples: ['npm run cli -- dead-letters list', 'npm run cli -- dead-letters retry 12 15', 'npm run cli -- dead-letters discard semua'],
  async run([action, ...rest], { io, clock, withDatabase }) {
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      io.stderr(`Tindakan "${action}" tidak dikenal. Pilih: ${ACTIONS.join(', ')}.\n`)
      return 2
    }
    if (action === 'list' && rest.length > 0) {
      io.stderr('"dead-letters list" tidak memakai argumen lain.\n')
      return 2
    }
    const which = action === 'list' ? { all: true as const } : selection(rest)
    if (typeof which === 'string') {
      io.stderr(`${which}\n`)
      return 2
    }
    return withDatabase(async ({ cfg, db }) => {
      if (action === 'list') {
        const rows = await listDeadLetters(db.prisma)
        const secrets = configSecrets(cfg)
        if (rows.length === 0) io.stdout('Tidak ada pesan gagal.\n')
        for (const r of rows) {
          io.stdout(
            `#${r.id} ${r.kind} untuk ${r.recipient.name} (${r.recipient.nip})${r.platform ? ` via ${r.platform}` : ''}, ${formatDateTimeId(r.createdAt, cfg.TZ_DEFAULT)}, ` +
              `${r.attempts} percobaan${r.rateLimits > 0 ? `, ${r.rateLimits} kali diminta menunggu` : ''}: ${shownReason(r.lastError, secrets) ?? 'tanpa keterangan'}\n`,
          )
        }
        return 0
      }
      const settle = action === 'retry' ? retryDeadLetters : discardDeadLetters
      const { changed, missing } = await settle(db.prisma, which, clock.now())
      if (missing.length > 0) {
        io.stderr(`Bukan pesan gagal (tidak ada, atau sudah tidak DEAD): ${missing.map((id) => `#${id}`).join(', ')}. Tidak ada yang diubah.\n`)
        return 1
      }
      const verb = action === 'retry' ? 'dijadwalkan untuk dikirim lagi' : 'dilepaskan'
      io.stdout(`${changed.length} pesan ${verb}${changed.length > 0 ? `: ${changed.map((id) => `#${id}`).join(', ')}` : ''}.\n`)
      return 0
    })
  },
}
