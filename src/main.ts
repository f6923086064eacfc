import { existsSync } from 'node:fs'
import { ConfigError } from './config.js'
import { startApp } from './app.js'

// a local .env is a convenience for single-machine installs; real deployments set the environment
if (existsSync('.env')) process.loadEnvFile('.env')

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
