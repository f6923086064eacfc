// `npm run demo`: the example Kendari organisation (units, employees, holidays, SKP, rencana aksi) in the database, then the
// bot. With no token configured the playground is the platform (docs/playground.md): one URL to open.
import path from 'node:path'
import { startApp, type App } from '../src/app.js'
import { runCli } from '../src/cli/index.js'
import { ConfigError, loadConfig, readDotEnv } from '../src/config.js'
import { playgroundOn } from '../src/domain/accounts.js'
import { explainStartupFailure } from '../src/startup-failure.js'

const examples = path.resolve(import.meta.dirname, '..', 'examples')
const file = (name: string) => path.join(examples, name)

readDotEnv(process.env)
// the playground answers this machine only unless opened on purpose: then listen here only as well
if (process.env.PLAYGROUND !== 'true' && !process.env.HOST) process.env.HOST = '127.0.0.1'

const steps: string[][] = [
  ['import-org', '--create', file('kendari-units.csv'), file('kendari-employees.csv')],
  ['import-holidays', file('holidays-2026.csv')],
  ['import-skp', file('kendari-skp-2026.csv')],
  ['import-rencana-aksi', file('kendari-rencana-aksi-2026.csv')],
]
for (const argv of steps) {
  // each import is safe to repeat: a second demo leaves the example data as it is
  const code = await runCli(argv, { env: process.env, stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) })
  if (code !== 0) process.exit(code)
}

let app: App
try {
  app = await startApp(process.env)
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : explainStartupFailure(err, process.env))
  process.exit(1)
}
const stop = () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

const cfg = loadConfig(process.env)
if (playgroundOn(cfg)) {
  const host = cfg.HOST === '0.0.0.0' || cfg.HOST === '::' ? 'localhost' : cfg.HOST
  console.log(`\nkinerja-bot berjalan. Buka playground (mode latihan):\n\n  http://${host.includes(':') ? `[${host}]` : host}:${app.port}/playground\n`)
  // the console is a path of the same address (the one URL above is what a new user opens first)
  console.log('Konsol admin di alamat yang sama, jalur /console: masuk dengan NIP admin contoh 197406162008012010;\ntautan masuknya muncul di chat playground Wa Ode Tamrin.\n')
} else {
  console.log(`\nkinerja-bot berjalan dengan ${app.platforms.map((p) => p.platform).join(', ')} (playground mati: PLAYGROUND=true untuk menyalakannya).\n`)
}
