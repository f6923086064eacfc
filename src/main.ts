import { ConfigError, readDotEnv } from './config.js'
import { startApp, type App } from './app.js'
import { explainStartupFailure } from './startup-failure.js'

// a stop asked for while the app is still starting (docker stop, systemctl stop) waits for the start
// to end, then stops gracefully like any other; a second signal ends the process at once
let app: App | undefined
let stopAsked: string | undefined
const stop = (started: App, signal: string) => {
  started.log.info({ signal }, 'shutting down')
  started.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
const onSignal = (signal: string) => {
  if (stopAsked) process.exit(1)
  stopAsked = signal
  if (app) stop(app, signal)
  else console.error(`${signal}: berhenti setelah start selesai (kirim sekali lagi untuk berhenti sekarang).`)
}
process.on('SIGINT', () => onSignal('SIGINT'))
process.on('SIGTERM', () => onSignal('SIGTERM'))

try {
  // the file ENV_FILE names (the CLI reads the same one), else ./.env; a named file that is missing stops the start
  readDotEnv(process.env)
  app = await startApp(process.env)
  if (stopAsked) stop(app, stopAsked)
} catch (err) {
  // one line the operator can act on; the stack only when asked for (LOG_LEVEL=debug)
  console.error(err instanceof ConfigError ? err.message : explainStartupFailure(err, process.env))
  if (!(err instanceof ConfigError) && /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) console.error(err)
  process.exit(1)
}
