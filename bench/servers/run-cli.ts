// One CLI command in a process of its own (for its time and peak memory): runs `runCli(argv)` and prints
// `READY {code, ms, peakMiB, out, err}` with the process's VmHWM, then exits.
import { readFileSync } from 'node:fs'
import { runCli } from '../../src/cli/index.js'

let out = ''
let err = ''
const t0 = performance.now()
const code = await runCli(process.argv.slice(2), { env: process.env, stdout: (s) => (out += s), stderr: (s) => (err += s) })
const ms = performance.now() - t0
const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0)
process.stdout.write(`READY ${JSON.stringify({ code, ms, peakMiB: Math.round(kb / 102.4) / 10, out: out.slice(-500), err: err.slice(-1000) })}\n`)
process.exit(0)
