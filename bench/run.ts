// npm run bench [-- --quick] [-- --only ingest,ceiling] [-- --db sqlite]
// Runs every scenario side by side in one process run, prints a table and writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from './lib/child.js'
import type { DbKind } from './lib/setup.js'
import { SCENARIOS, type Scale } from './scenarios/index.js'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    db: { type: 'string', default: 'sqlite,postgresql' },
  },
})
const scale: Scale = values.quick ? 'quick' : 'full'
const databases = values.db.split(',') as DbKind[]
const only = values.only?.split(',')

const started = Date.now()
const results: unknown[] = []
const lines: string[] = []
for (const scenario of SCENARIOS) {
  if (only && !only.includes(scenario.name)) continue
  for (const database of scenario.perDatabase ? databases : [databases[0]!]) {
    const t0 = Date.now()
    process.stderr.write(`• ${scenario.name}${scenario.perDatabase ? ` (${database})` : ''} …\n`)
    try {
      const result = await scenario.run({ database, scale })
      results.push(result)
      lines.push(...scenario.summarize(result as never).map((l) => `${scenario.name.padEnd(14)} ${database.padEnd(10)} ${l}`))
    } catch (err) {
      results.push({ scenario: scenario.name, database, error: err instanceof Error ? err.message : String(err) })
      lines.push(`${scenario.name.padEnd(14)} ${database.padEnd(10)} FAILED: ${err instanceof Error ? err.message : String(err)}`)
    }
    process.stderr.write(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
  }
}

const report = {
  at: new Date().toISOString(),
  scale,
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  seconds: Math.round((Date.now() - started) / 1000),
  results,
}
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true })
writeFileSync(path.join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`)
console.log(`\nkinerja-bot benchmarks (${scale}, ${report.machine.cpus} cores, ${report.machine.node}, ${report.seconds} s)\n`)
console.log(lines.join('\n'))
console.log('\nfull results: bench/results/latest.json')
process.exit(0)
