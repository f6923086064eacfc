// The real app in a process of its own (as in production): startApp over the environment, then a
// `READY {port, pid}` line on stdout. Used by the multi-instance tests and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from '../../src/app.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

export interface AppProcess {
  proc: ChildProcess
  port: number
  pid: number
  output(): string
  /** SIGTERM and wait (graceful); SIGKILL after 10 s. */
  stop(): Promise<void>
  kill(): Promise<void>
}

/** Starts `startApp(env)` in a child process (`node --import tsx`, so signals reach the app itself). */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    cwd: ROOT,
    env: { ...process.env, ...env, KINERJA_APP_PROCESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stderr!.on('data', (d) => (out = (out + String(d)).slice(-20_000)))
  const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    let buf = ''
    proc.stdout!.on('data', (d) => {
      buf += String(d)
      out = (out + String(d)).slice(-20_000)
      const m = /READY (\{.*\})\n/.exec(buf)
      if (m) resolve(JSON.parse(m[1]!) as { port: number; pid: number })
    })
    proc.once('exit', (code) => reject(new Error(`app process exited with ${code} before it was ready:\n${out}`)))
  })
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  return {
    proc,
    ...ready,
    output: () => out,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      proc.kill('SIGTERM')
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(t)
    },
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      proc.kill('SIGKILL')
      await exited
    },
  }
}

if (process.env.KINERJA_APP_PROCESS === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  const app = await startApp(process.env)
  process.stdout.write(`READY ${JSON.stringify({ port: app.port, pid: process.pid })}\n`)
  const stop = () => void app.stop().then(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}
