import { ConfigError, readDotEnv } from './config.js'
import { startApp } from './app.js'
import { explainStartupFailure } from './startup-failure.js'

try {
  // the file ENV_FILE names (the CLI reads the same one), else ./.env; a named file that is missing stops the start
  readDotEnv(process.env)
  const app = await startApp(process.env)
  const shutdown = (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
} catch (err) {
  // one line the operator can act on; the stack only when asked for (LOG_LEVEL=debug)
  console.error(err instanceof ConfigError ? err.message : explainStartupFailure(err, process.env))
  if (!(err instanceof ConfigError) && /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) console.error(err)
  process.exit(1)
}
