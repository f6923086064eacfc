// The real app in its own process for benchmarks: startApp over the environment, then `READY {port}`.
import { startApp } from '../../src/app.js'

const app = await startApp(process.env)
process.stdout.write(`READY ${JSON.stringify({ port: app.port, pid: process.pid })}\n`)
const stop = () => void app.stop().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
