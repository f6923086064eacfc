import type { CliIo, Command, CommandOption } from '../index.js'

const optionText = (o: CommandOption) => {
  const text = `--${o.name}${o.value ? ` <${o.value}>` : ''}`
  return o.required ? text : `[${text}]`
}

/** The command's arguments and options as the usage line shows them (its first form, when it has several). */
export const synopsis = (c: Command) => synopses(c)[0]!

/** Every form of the command: those it spells out itself, or the one its arguments and options make. */
export const synopses = (c: Command): string[] => c.synopses ?? [[c.name, ...c.args, ...(c.options ?? []).map(optionText)].join(' ')]

export const usage = (c: Command) => synopses(c).map((s) => `npm run cli -- ${s}`).join('\n           ')

/** A usage error: what is wrong, then the usage line, on stderr; exit code 2. */
export function wrongUsage(io: Pick<CliIo, 'stderr'>, c: Command, problem: string): number {
  io.stderr(`${problem}\nPemakaian: ${usage(c)}\n`)
  return 2
}

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
    const lines = name === undefined ? ['kinerja-bot: perintah admin', '', 'Pemakaian: npm run cli -- <perintah> [argumen] [--env-file <berkas>] [--create]', '',
      'Opsi untuk semua perintah:',
      '  --env-file <berkas>  membaca pengaturan dari berkas itu (juga ENV_FILE), misalnya /etc/kinerja-bot.env seperti layanannya',
      '  --create             boleh membuat basis data baru bila DATABASE_URL belum ada',
      '', 'Perintah:'] : []
    for (const c of chosen) {
      lines.push(...synopses(c).map((s) => `  ${s}`), `      ${c.summary}`, ...c.examples.map((e) => `      Contoh: ${e}`), '')
    }
    io.stdout(`${lines.join('\n')}\n`)
    return 0
  },
}
