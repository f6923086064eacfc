import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importOrg, type RowError } from '../../src/admin/import-org.js'
import { openTestDb, type TestDb } from '../helpers/db.js'

// employees.csv's optional whatsapp_phone column: a listed number is a ChatAccount the import vouches for,
// stored as the WhatsApp id (62812…) whichever way the admin wrote it.

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const UNITS = fixture('kendari-units.csv')
const [HEADER, ...LINES] = fixture('kendari-employees.csv').trimEnd().split('\r\n') as [string, ...string[]]
const TODAY = '2026-11-28'
const AT = new Date('2026-11-28T02:00:00Z')
const NIP_1 = '197312251996012011' // line 2
const NIP_2 = '198012122003121004' // line 3
const NIP_3 = '197304212001121007' // line 4

const run = (db: TestDb, employeesCsv: string, unitsCsv = UNITS) => importOrg(db.prisma, { unitsCsv, employeesCsv, today: TODAY, at: AT })

/** The fixture with a whatsapp_phone column: the given cells on the first rows, empty below. */
const withPhones = (...phones: string[]) =>
  [`${HEADER},whatsapp_phone`, ...LINES.map((l, i) => `${l},${phones[i] ?? ''}`)].join('\n') + '\n'

const whatsappAccounts = (db: TestDb) =>
  db.prisma.chatAccount.findMany({
    where: { platform: 'whatsapp' },
    select: { externalId: true, vouchedBy: true, chatId: true, linkedAt: true, lastSeenAt: true, employee: { select: { nip: true } } },
    orderBy: { externalId: 'asc' },
  })

describe('importOrg: whatsapp_phone', () => {
  it('vouches for each listed number as a WhatsApp account under its normalised id, unlinked until its first message', async () => {
    const db = await openTestDb()
    const result = await run(db, withPhones('0812-3456-7890', '+62 813 1111 2222', '81399998888'))
    expect(result).toMatchObject({ ok: true, employees: { created: 40 } })
    expect(await whatsappAccounts(db)).toEqual([
      { externalId: '6281234567890', vouchedBy: 'import', chatId: null, linkedAt: null, lastSeenAt: null, employee: { nip: NIP_1 } },
      { externalId: '6281311112222', vouchedBy: 'import', chatId: null, linkedAt: null, lastSeenAt: null, employee: { nip: NIP_2 } },
      { externalId: '6281399998888', vouchedBy: 'import', chatId: null, linkedAt: null, lastSeenAt: null, employee: { nip: NIP_3 } },
    ])
    // the other platforms' columns are untouched by the new one
    expect(await db.prisma.chatAccount.count({ where: { platform: 'telegram' } })).toBeGreaterThan(0)

    // the same numbers written another way are the same accounts: nothing changes
    expect(await run(db, withPhones('6281234567890', '0813-1111-2222', '+62 (0)813 9999 8888'))).toMatchObject({
      ok: true,
      employees: { created: 0, updated: 0, unchanged: 40 },
    })
  })

  it('keeps stored WhatsApp accounts when the column is absent, and removes a vouched one whose cell is emptied', async () => {
    const db = await openTestDb()
    await run(db, withPhones('0812-3456-7890', '0813-1111-2222'))
    const without = [HEADER, ...LINES].join('\n') + '\n'
    expect(await run(db, without)).toMatchObject({ ok: true, employees: { updated: 0, unchanged: 40 } })
    expect((await whatsappAccounts(db)).map((a) => a.externalId)).toEqual(['6281234567890', '6281311112222'])

    expect(await run(db, withPhones('', '0813-1111-2222'))).toMatchObject({ ok: true, employees: { updated: 1, unchanged: 39 } })
    expect((await whatsappAccounts(db)).map((a) => [a.externalId, a.employee.nip])).toEqual([['6281311112222', NIP_2]])
  })

  it('moves a number to another row while it never wrote, and leaves it where it is once it did', async () => {
    const db = await openTestDb()
    await run(db, withPhones('0812-3456-7890'))
    expect(await run(db, withPhones('', '0812-3456-7890'))).toMatchObject({ ok: true, employees: { updated: 2 } })
    expect((await whatsappAccounts(db)).map((a) => [a.externalId, a.employee.nip])).toEqual([['6281234567890', NIP_2]])

    // its first message linked it (linking.identify sets chatId): a later file cannot take it away
    await db.prisma.chatAccount.updateMany({ where: { platform: 'whatsapp' }, data: { chatId: '6281234567890', linkedAt: AT, lastSeenAt: AT } })
    expect(await run(db, withPhones('0812-3456-7890', ''))).toMatchObject({ ok: true })
    expect((await whatsappAccounts(db)).map((a) => [a.externalId, a.employee.nip])).toEqual([['6281234567890', NIP_2]])
  })

  it('reports each bad or doubled number with its line, and imports nothing', async () => {
    const db = await openTestDb()
    const result = await run(db, withPhones('0812-3456-7890', '+62 812 3456 7890', '0401-3121234', '+60 12-345 6789', '6.28123E+12', '0812-345', '0812 3456 789O'))
    expect(result.ok).toBe(false)
    expect((result as { errors: RowError[] }).errors).toEqual([
      { file: 'employees', line: 3, message: 'whatsapp_phone +62 812 3456 7890 sudah dipakai di baris 2' },
      {
        file: 'employees',
        line: 4,
        message: 'whatsapp_phone "0401-3121234": bukan nomor seluler (nomor seluler Indonesia diawali 08); nomor telepon kantor atau rumah tidak bisa dipakai',
      },
      { file: 'employees', line: 5, message: 'whatsapp_phone "+60 12-345 6789": bukan nomor Indonesia (kode negara harus +62)' },
      {
        file: 'employees',
        line: 6,
        message:
          'whatsapp_phone "6.28123E+12": tertulis sebagai angka ilmiah (angka terakhir hilang): format kolom sebagai Teks di spreadsheet lalu tulis ulang nomornya',
      },
      { file: 'employees', line: 7, message: 'whatsapp_phone "0812-345": terlalu pendek (7 digit dengan 0 di depan, seharusnya 10–13)' },
      { file: 'employees', line: 8, message: 'whatsapp_phone "0812 3456 789O": hanya boleh berisi angka, spasi, tanda - dan tanda + di depan' },
    ])
    expect(await db.prisma.employee.count()).toBe(0)
  })

  it('refuses a number the import gave someone in the database who is not in the file', async () => {
    const db = await openTestDb()
    await run(db, withPhones('0812-3456-7890'))
    const newcomer = '199501012020011001,Baru Sekali,SETDA,Staf,PELAKSANA,II/a,,EMPLOYEE,,,,+62 812-3456-7890\n'
    expect(await run(db, `${HEADER},whatsapp_phone\n${newcomer}`, 'code,name,parent_code,kind\n')).toEqual({
      ok: false,
      errors: [{ file: 'employees', line: 2, message: `whatsapp_phone 6281234567890 sudah dipakai pegawai lain di database (NIP ${NIP_1})` }],
    })
  })
})
