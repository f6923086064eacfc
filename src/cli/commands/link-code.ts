import { whatsappEnabled } from '../../config.js'
import { formatDateTimeId } from '../../messages/format.js'
import { isDomainError } from '../../domain/errors.js'
import { createLinkingService } from '../../domain/linking.js'
import type { Command } from '../index.js'

export const linkCode: Command = {
  name: 'link-code',
  args: ['<NIP>'],
  summary: 'Membuat kode penautan sekali pakai untuk pegawai; kode dicetak sendirian di baris terakhir.',
  examples: ['npm run cli -- link-code 198603022018032015'],
  async run([nip], { io, clock, withDatabase }) {
    if (!/^\d{18}$/.test(nip!)) {
      io.stderr(`NIP harus 18 digit angka: "${nip}"\n`)
      return 1
    }
    return withDatabase(async ({ cfg, db }) => {
      const linking = createLinkingService({
        db: db.prisma,
        clock,
        cfg: {
          codeTtlHours: cfg.LINK_CODE_TTL_HOURS,
          maxFailures: cfg.LINK_MAX_FAILURES,
          lockoutMinutes: cfg.LINK_LOCKOUT_MINUTES,
          defaultTimezone: cfg.TZ_DEFAULT,
        },
      })
      let issued: Awaited<ReturnType<typeof linking.issueCode>>
      try {
        issued = await linking.issueCode(nip!)
      } catch (e) {
        if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e
        io.stderr(`Tidak ada pegawai aktif dengan NIP ${nip}. Periksa NIP-nya, atau impor data pegawai dulu (import-org).\n`)
        return 1
      }
      const until = formatDateTimeId(issued.expiresAt, cfg.TZ_DEFAULT)
      io.stdout(`Kode penautan untuk ${issued.employee.name} (NIP ${nip}), berlaku sampai ${until}, sekali pakai.\n`)
      // WhatsApp: a link that opens a chat with the business number, the code already typed
      if (whatsappEnabled(cfg) && cfg.WHATSAPP_DISPLAY_NUMBER) {
        io.stdout(`Di WhatsApp, pegawai cukup membuka tautan ini lalu menekan Kirim: https://wa.me/${cfg.WHATSAPP_DISPLAY_NUMBER}?text=${encodeURIComponent(issued.code)}\n`)
      }
      io.stdout('Pegawai mengirim kode ini ke bot:\n')
      io.stdout(`${issued.code}\n`)
      return 0
    })
  },
}
