import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')

export interface Child {
  proc: ChildProcess
  /** The first line the child printed as `READY <json>`. */
  ready: Record<string, unknown>
  stop(): Promise<void>
}

/**
 * Starts a TypeScript entry in its own process (its own core, as in production) and waits for it to
 * print `READY {...}` on stdout.
 */
export async function startChild(entry: string, env: Record<string, string>, args: string[] = []): Promise<Child> {
  // BENCH_PROFILE=<dir>: every child writes a V8 CPU profile there when it exits (open it in Chrome DevTools)
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : []
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, entry), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)))
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let buf = ''
    proc.stdout!.on('data', (d) => {
      buf += String(d)
      const m = /READY (.*)\n/.exec(buf)
      if (m) resolve(JSON.parse(m[1]!) as Record<string, unknown>)
    })
    proc.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready:\n${stderr}`)))
  })
  return {
    proc,
    ready,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve()
        proc.once('exit', () => resolve())
        proc.kill('SIGTERM')
        setTimeout(() => proc.kill('SIGKILL'), 10_000).unref()
      }),
  }
}
