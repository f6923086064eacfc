import { findUnreachable, type Reason } from '../../admin/unreachable.js'
import { enabledPlatforms } from '../../domain/accounts.js'
import type { Platform } from '../../domain/types.js'
import type { Command } from '../index.js'

const LABEL: Record<Platform, string> = { telegram: 'Telegram', slack: 'Slack', whatsapp: 'WhatsApp', playground: 'Playground' }

function reasonText(r: Reason, nip: string): string {
  switch (r.kind) {
    case 'no_account':
      return `belum punya akun chat (tidak ada telegram_user_id/slack_user_id/whatsapp_phone di impor, belum memakai kode tautan): beri kode dengan "npm run cli -- link-code ${nip}"`
    case 'never_opened':
      return `akun ${LABEL[r.platform]} ${r.externalId} dari impor belum pernah membuka bot (bot ${LABEL[r.platform]} tidak dapat memulai percakapan)`
    case 'platform_off':
      return `hanya punya akun ${LABEL[r.platform]} ${r.externalId}, tetapi ${LABEL[r.platform]} tidak diaktifkan di aplikasi ini`
    case 'dead':
      return `pesan terakhir gagal terkirim (${r.lastError ?? 'tanpa keterangan'}); ${r.count} pesan gagal, lihat "dead-letters list"`
  }
}

export const unreachable: Command = {
  name: 'unreachable',
  args: [],
  options: [{ name: 'unit', value: 'kode' }],
  summary:
    'Pegawai aktif yang tidak dapat dihubungi aplikasi (kartu persetujuan, pengingat dan ringkasan tidak sampai kepadanya), ' +
    'dengan alasannya: belum punya akun chat, akun Telegram dari impor yang belum pernah membuka bot, akun hanya di platform yang ' +
    'tidak diaktifkan, atau pesan terakhirnya gagal (misalnya bot diblokir). Dengan --unit: unit itu dan semua unit di bawahnya. ' +
    'Akun Slack dari impor atau e-mail dapat langsung dihubungi (aplikasi membuka DM sendiri).',
  examples: ['npm run cli -- unreachable', 'npm run cli -- unreachable --unit BKPSDM'],
  async run(_args, { io, withDatabase }, opts) {
    return withDatabase(async ({ cfg, db }) => {
      // run without the service's settings (neither token set), nothing says which platforms run: both count
      // the practice playground reaches everyone of the demo database: the question is about the real platforms
      const on = enabledPlatforms(cfg).filter((p) => p !== 'playground')
      const people = await findUnreachable(db.prisma, { platforms: on.length > 0 ? on : ['telegram', 'slack'], ...(opts.unit !== undefined ? { unitCode: opts.unit } : {}) })
      if (!people) {
        io.stderr(`Unit "${opts.unit}" tidak ada.\n`)
        return 1
      }
      const scope = opts.unit !== undefined ? ` di unit ${opts.unit.toUpperCase()} dan unit di bawahnya` : ''
      if (people.length === 0) {
        io.stdout(`Semua pegawai aktif${scope} dapat dihubungi aplikasi.\n`)
        return 0
      }
      io.stdout(`${people.length} pegawai aktif${scope} tidak dapat dihubungi aplikasi:\n`)
      for (const p of people) {
        const waiting = p.waiting > 0 ? ` [${p.waiting} pesan menunggu]` : ''
        io.stdout(`- ${p.name} (NIP ${p.nip}), ${p.unit.name}${waiting}: ${p.reasons.map((r) => reasonText(r, p.nip)).join('; ')}\n`)
      }
      return 0
    })
  },
}
