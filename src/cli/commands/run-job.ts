import { zonedInstant } from '../../scheduler/cron-time.js'
import { createScheduler, JOB_NAMES, type JobName } from '../../scheduler/index.js'
import type { Command } from '../index.js'

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
  args: ['<job>', '[--at]', '[waktu]'],
  summary:
    `Menjalankan satu tugas terjadwal sekarang, atau seolah-olah pada waktu tertentu (${JOB_NAMES.join(', ')}). ` +
    'Aman diulang: pesan yang sudah terkirim untuk periode itu tidak dikirim lagi. Pesan dikirim oleh aplikasi yang sedang berjalan.',
  examples: ['npm run cli -- run-job weekly-digest', 'npm run cli -- run-job weekly-digest --at 2026-11-30T07:30'],
  async run([name, flag, when], { io, clock, withDatabase }) {
    if (!JOB_NAMES.includes(name as JobName)) {
      io.stderr(`Tugas tidak dikenal: "${name}". Pilih salah satu: ${JOB_NAMES.join(', ')}\n`)
      return 2
    }
    const inline = flag?.startsWith('--at=') ? flag.slice(5) : undefined
    if (flag !== undefined && inline === undefined && (flag !== '--at' || when === undefined)) {
      io.stderr('Pemakaian: npm run cli -- run-job <job> [--at <YYYY-MM-DDTHH:MM>]\n')
      return 2
    }
    return withDatabase(async ({ cfg, db, log }) => {
      const text = inline ?? when
      const at = text === undefined ? clock.now() : parseAt(text, cfg.TZ_DEFAULT)
      if (!at) {
        io.stderr(`Waktu "${text}" tidak valid. Contoh: 2026-11-30T07:30 (waktu ${cfg.TZ_DEFAULT}) atau 2026-11-29T23:30Z\n`)
        return 1
      }
      const scheduler = createScheduler({ db: db.prisma, clock, log, cfg, instanceId: `cli:${process.pid}` })
      const outcome = await scheduler.run(name as JobName, at, 'manual')
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
