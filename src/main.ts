import { ConfigError, readDotEnv } from './config.js'
import { startApp } from './app.js'
import { explainStartupFailure } from './startup-failure.js'

readDotEnv()

try {
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
