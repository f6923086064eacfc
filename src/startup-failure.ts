import { GrammyError, HttpError } from 'grammy'
import { databaseProblem } from './db/client.js'
import { MigrationError } from './db/migrate.js'

/** What the operator needs to know about a failed start, in one line; the details go to the log. */
export function explainStartupFailure(err: unknown, env: NodeJS.ProcessEnv): string {
  const e = err as { code?: string; message?: string; data?: { error?: string }; syscall?: string; port?: number; address?: string }
  if (err instanceof GrammyError) {
    if (err.error_code === 401 || err.error_code === 404) {
      return `Telegram menolak TELEGRAM_BOT_TOKEN (${err.error_code} ${err.description}): salin ulang token dari @BotFather.`
    }
    return `Telegram menolak ${err.method} (${err.error_code} ${err.description}).`
  }
  if (err instanceof HttpError) return `Telegram Bot API di ${env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org'} tidak terjangkau: periksa jaringan dan TELEGRAM_API_ROOT.`
  if (e?.code === 'slack_webapi_platform_error') {
    return `Slack menolak SLACK_BOT_TOKEN (${e.data?.error ?? 'unknown'}): salin ulang Bot User OAuth Token dari halaman OAuth & Permissions.`
  }
  if (e?.code === 'slack_webapi_request_error') return `Slack Web API di ${env.SLACK_API_URL ?? 'https://slack.com/api/'} tidak terjangkau: periksa jaringan.`
  if (e?.syscall === 'listen') {
    const where = `${e.address ?? env.HOST ?? '0.0.0.0'}:${e.port ?? env.PORT ?? 3000}`
    if (e.code === 'EADDRINUSE') return `Port ${where} sudah dipakai program lain: hentikan program itu atau pilih PORT lain.`
    if (e.code === 'EACCES') return `Tidak diizinkan membuka port ${where}: pilih PORT di atas 1023 atau jalankan di belakang proxy.`
    if (e.code === 'EADDRNOTAVAIL') return `Alamat HOST ${e.address ?? env.HOST} bukan alamat mesin ini.`
  }
  if (err instanceof MigrationError) return `Migrasi basis data gagal: ${err.message}`
  if (isDatabaseError(e)) return databaseProblem(env.DATABASE_URL ?? 'file:./data/kinerja.db', err)
  return `Gagal memulai: ${e?.message ?? String(err)}`
}

// a mkdir at start is only ever the SQLite file's folder (db/client.ts)
const isDatabaseError = (e: { code?: string; message?: string; syscall?: string }) =>
  /^(3D000|28P01|28000|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|SQLITE_)/.test(e?.code ?? '') ||
  e?.syscall === 'mkdir' ||
  /unable to open database file/i.test(e?.message ?? '')
