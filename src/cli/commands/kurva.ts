import { audit } from '../../domain/audit.js'
import { distributionFor } from '../../domain/distribution.js'
import { ORG_PREDIKAT, type OrgPredikat } from '../../domain/evaluation-config.js'
import { parsePeriod } from '../../domain/periods.js'
import { distributionText } from '../../messages/index.js'
import type { Command } from '../index.js'
import { wrongUsage } from './help.js'

export const kurva: Command = {
  name: 'kurva',
  args: ['<kode-unit>', '<periode>'],
  summary:
    'Distribusi predikat kinerja pegawai per organisasi di bawah unit itu untuk satu periode (2026-11 atau 2026-Q4), ' +
    'dibandingkan dengan pola distribusi untuk predikat organisasinya; yang melampaui pola ditandai.',
  examples: ['npm run cli -- kurva SETDA 2026-11', 'npm run cli -- kurva DINKES 2026-Q4'],
  async run([code, text], { io, clock, withDatabase }) {
    const period = parsePeriod(text!)
    if (!period) return wrongUsage(io, kurva, `Periode "${text}" tidak valid. Contoh: 2026-11 (bulan) atau 2026-Q4 (triwulan)`)
    return withDatabase(async ({ cfg, db }) => {
      const unit = await db.prisma.unit.findUnique({ where: { code: code! }, select: { id: true, name: true } })
      if (!unit) {
        io.stderr(`Unit "${code}" tidak ada. Periksa kode unitnya (lihat file unit pada import-org).\n`)
        return 1
      }
      const orgs = await distributionFor(db.prisma, cfg.evaluation.distribution, period, unit.id, clock.now())
      io.stdout(`${distributionText(period.key, unit.name, orgs.filter((o) => o.employees > 0))}\n`)
      return 0
    })
  },
}

export const predikatOrganisasi: Command = {
  name: 'predikat-organisasi',
  args: ['<kode-unit>', '<tahun>', '<predikat>'],
  summary: `Menetapkan predikat kinerja organisasi sebuah unit untuk satu tahun (${ORG_PREDIKAT.join(', ')}): menentukan pola distribusi yang berlaku.`,
  examples: ['npm run cli -- predikat-organisasi DINKES 2026 BAIK'],
  async run([code, yearText, value], { io, clock, withDatabase }) {
    const predikat = value!.toUpperCase().replace(/\s+/g, '_') as OrgPredikat
    const year = Number(yearText)
    if (!ORG_PREDIKAT.includes(predikat)) {
      return wrongUsage(io, predikatOrganisasi, `Predikat "${value}" tidak dikenal. Pilih: ${ORG_PREDIKAT.join(', ')}`)
    }
    if (!/^\d{4}$/.test(yearText!)) return wrongUsage(io, predikatOrganisasi, `Tahun "${yearText}" tidak valid, misalnya 2026`)
    return withDatabase(async ({ db }) => {
      const unit = await db.prisma.unit.findUnique({ where: { code: code! }, select: { id: true, name: true } })
      if (!unit) {
        io.stderr(`Unit "${code}" tidak ada.\n`)
        return 1
      }
      const at = clock.now()
      await db.prisma.$transaction(async (tx) => {
        await tx.orgPredikat.upsert({
          where: { unitId_year: { unitId: unit.id, year } },
          create: { unitId: unit.id, year, predikat, createdAt: at, updatedAt: at },
          update: { predikat, updatedAt: at },
        })
        await audit(tx, { action: 'org_predikat.set', entity: 'unit', entityId: unit.id, after: predikat, at, detail: { year } })
      })
      io.stdout(`Predikat organisasi ${unit.name} tahun ${year}: ${predikat}\n`)
      return 0
    })
  },
}
