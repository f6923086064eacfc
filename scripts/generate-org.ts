// Writes a synthetic organisation as import-org CSV files, the same for the same seed:
//   npm run generate-org -- --employees 10000 --seed 1 --out /tmp/org
//   npm run cli -- import-org /tmp/org/units.csv /tmp/org/employees.csv
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { generateOrg, toCsv } from './lib/synthetic-org.js'

const { values } = parseArgs({
  options: { employees: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: 'data/synthetic' } },
})
const org = generateOrg({ seed: Number(values.seed), employees: Number(values.employees) })
const csv = toCsv(org)
mkdirSync(values.out, { recursive: true })
writeFileSync(path.join(values.out, 'units.csv'), csv.units)
writeFileSync(path.join(values.out, 'employees.csv'), csv.employees)
console.log(`${org.units.length} units, ${org.employees.length} employees → ${values.out}/units.csv, employees.csv`)
