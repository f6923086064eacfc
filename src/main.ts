import { ConfigError, readDotEnv } from './config.js'
import { startApp } from './app.js'

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
  if (err instanceof ConfigError) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
}
