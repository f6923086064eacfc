import type { Command } from '../index.js'

export const usage = (c: Command) => ['npm run cli --', c.name, ...c.args].join(' ')

export const help: Command = {
  name: 'help',
  args: ['[perintah]'],
  summary: 'Menampilkan daftar perintah ini, atau keterangan satu perintah.',
  examples: ['npm run cli -- help', 'npm run cli -- help link-code'],
  async run([name], { io, commands }) {
    const chosen = name === undefined ? commands : commands.filter((c) => c.name === name)
    if (chosen.length === 0) {
      io.stderr(`Perintah tidak dikenal: "${name}". Lihat: npm run cli -- help\n`)
      return 2
    }
    const lines = name === undefined ? ['kinerja-bot: perintah admin', '', 'Pemakaian: npm run cli -- <perintah> [argumen]', '', 'Perintah:'] : []
    for (const c of chosen) {
      lines.push(`  ${[c.name, ...c.args].join(' ')}`, `      ${c.summary}`, ...c.examples.map((e) => `      Contoh: ${e}`), '')
    }
    io.stdout(`${lines.join('\n')}\n`)
    return 0
  },
}
