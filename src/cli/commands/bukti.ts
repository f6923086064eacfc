import { audit } from '../../domain/audit.js'
import { evidenceLinkOf, linkProblem, revokeEvidenceLinks } from '../../domain/evidence-links.js'
import type { Command } from '../index.js'
import { wrongUsage } from './help.js'

const ID = /^[1-9]\d{0,9}$/

/**
 * The Bukti Dukung links of the progres harian export: `revoke` ends an activity's links (they answer 410
 * Gone; the next export hands out a new one), `link` prints the link in force (making one when there is none).
 */
export const bukti: Command = {
  name: 'bukti',
  args: ['<revoke|link>', '<ID-kegiatan>', '[ID-kegiatan…]'],
  summary:
    'Tautan Bukti Dukung ekspor progres-harian ({PUBLIC_URL}/bukti/…). revoke: mencabut tautan kegiatan itu (dibuka lagi: ' +
    '"sudah dicabut", HTTP 410; ekspor berikutnya memberi tautan baru); tercatat di jejak audit. link: menampilkan tautan ' +
    'yang berlaku (membuatnya bila belum ada).',
  examples: ['npm run cli -- bukti revoke 1234', 'npm run cli -- bukti link 1234'],
  async run([action, ...ids], { io, clock, withDatabase }) {
    if (action !== 'revoke' && action !== 'link') return wrongUsage(io, bukti, `Tindakan "${action}" tidak dikenal: pilih revoke atau link`)
    const bad = ids.find((id) => !ID.test(id))
    if (bad !== undefined) return wrongUsage(io, bukti, `"${bad}" bukan ID kegiatan (angka, seperti pada "Laporan #1234")`)
    return withDatabase(async ({ cfg, db }) => {
      const known = await db.prisma.activity.findMany({ where: { id: { in: ids.map(Number) } }, select: { id: true } })
      const missing = ids.filter((id) => !known.some((k) => k.id === Number(id)))
      if (missing.length > 0) {
        io.stderr(`Kegiatan tidak ada: ${missing.map((id) => `#${id}`).join(', ')}. Tidak ada yang diubah.\n`)
        return 1
      }
      const at = clock.now()
      if (action === 'revoke') {
        for (const id of ids) {
          const count = await revokeEvidenceLinks(db.prisma, Number(id), at, { via: 'cli' })
          io.stdout(count > 0 ? `#${id}: ${count} tautan dicabut.\n` : `#${id}: tidak ada tautan yang berlaku (tidak ada yang diubah).\n`)
        }
        return 0
      }
      const settings = { publicUrl: cfg.PUBLIC_URL, secret: cfg.EVIDENCE_LINK_SECRET }
      const problem = linkProblem(settings)
      if (problem) {
        io.stderr(`Tautan tidak dapat dibuat: ${problem === 'NO_PUBLIC_URL' ? 'PUBLIC_URL' : 'EVIDENCE_LINK_SECRET'} belum diatur.\n`)
        return 1
      }
      for (const id of ids) {
        const url = await evidenceLinkOf(db.prisma, { publicUrl: settings.publicUrl!, secret: settings.secret! }, Number(id), at)
        await audit(db.prisma, { action: 'evidence_link.show', entity: 'activity', entityId: id, at, detail: { via: 'cli' } })
        io.stdout(`#${id}: ${url}\n`)
      }
      return 0
    })
  },
}
