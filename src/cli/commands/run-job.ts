import { zonedInstant } from '../../scheduler/cron-time.js'
import { createScheduler, JOB_NAMES, type JobName } from '../../scheduler/index.js'
import type { Command } from '../index.js'
import { wrongUsage } from './help.js'

/**
 * `--at` in ISO 8601: with Z or an offset it is that instant; without, it is wall time in TZ_DEFAULT
 * (operators think in local time): 2026-11-30T07:30 is 07:30 WITA.
 */
export function parseAt(text: string, tz: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text)
  if (!m) return null
  const [, date, h, min, sec, zone] = m
  if (zone) {
    const at = new Date(text)
    return Number.isNaN(at.getTime()) ? null : at
  }
  if (Number(h) > 23 || Number(min) > 59 || Number(sec ?? 0) > 59 || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return null
  return zonedInstant(date!, Number(h) * 3600 + Number(min) * 60 + Number(sec ?? 0), tz)
}

export const runJobCommand: Command = {
  name: 'run-job',
  args: ['<job>'],
  options: [{ name: 'at', value: 'waktu' }, { name: 'force' }],
  summary:
    `Menjalankan satu tugas terjadwal sekarang, atau seolah-olah pada waktu yang sudah lewat (${JOB_NAMES.join(', ')}). ` +
    'Aman diulang: pesan yang sudah terkirim untuk periode itu tidak dikirim lagi. Pesan dikirim oleh aplikasi yang sedang berjalan. ' +
    'Waktu di masa depan ditolak (periode itu akan tercatat selesai dan jadwal aslinya tidak mengirim apa-apa), kecuali dengan --force.',
  examples: ['npm run cli -- run-job weekly-digest', 'npm run cli -- run-job weekly-digest --at 2026-11-30T07:30'],
  async run([name], { io, clock, withDatabase }, opts) {
    if (!JOB_NAMES.includes(name as JobName)) {
      return wrongUsage(io, runJobCommand, `Tugas tidak dikenal: "${name}". Pilih salah satu: ${JOB_NAMES.join(', ')}`)
    }
    const text = opts.at
    // the shape does not depend on the zone: a malformed time is refused before the database is opened
    if (text !== undefined && parseAt(text, 'UTC') === null) {
      return wrongUsage(io, runJobCommand, `Waktu "${text}" tidak valid. Contoh: 2026-11-30T07:30 (waktu setempat, TZ_DEFAULT) atau 2026-11-29T23:30Z`)
    }
    return withDatabase(async ({ cfg, db, log }) => {
      const at = text === undefined ? clock.now() : parseAt(text, cfg.TZ_DEFAULT)!
      // a run marks its period done: one ahead of time (a partial week's digest on Thursday) would leave
      // the real run with nothing to send
      const ahead = at.getTime() > clock.now().getTime()
      if (ahead && opts.force === undefined) {
        io.stderr(
          `Waktu ${text} belum terjadi. Menjalankan tugas untuk waktu yang akan datang menandai periodenya selesai, ` +
            'sehingga jadwal aslinya nanti tidak mengirim apa-apa. Tambahkan --force bila memang itu maksudnya.\n',
        )
        return 1
      }
      const scheduler = createScheduler({ db: db.prisma, clock, log, cfg, instanceId: `cli:${process.pid}` })
      const outcome = await scheduler.run(name as JobName, at, 'manual')
      if (ahead && outcome.status === 'done') {
        io.stderr(
          `--force: ${name} dijalankan untuk ${text}, yang belum terjadi. Periode ${outcome.period} kini tercatat selesai: ` +
            'jadwal aslinya tidak akan mengirim apa-apa lagi untuk periode itu.\n',
        )
      }
      if (outcome.status !== 'done') {
        io.stdout(`${name} (${outcome.period}): ${outcome.status}\n`)
        return 0
      }
      const r = outcome.result
      io.stdout(
        `${name} untuk periode ${outcome.period}: ${r.recipients} penerima, ${r.enqueued} pesan baru di antrean, ` +
          `${r.duplicates} sudah pernah dikirim.\n`,
      )
      return 0
    })
  },
}
