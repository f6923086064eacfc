import type { Tx } from '../db/client.js'

const UNIT_SELECT = { id: true, code: true, name: true, kind: true, parentId: true } as const
const EMPLOYEE_SELECT = {
  id: true,
  nip: true,
  name: true,
  unitId: true,
  position: true,
  positionType: true,
  grade: true,
  role: true,
  supervisorId: true,
  monthlyTargetMinutes: true,
  email: true,
  timezone: true,
  // not written by the import (it deactivates no one): read for the preview's count of inactive people in the file
  active: true,
  tppBasic: true,
} as const

/** The stored organisation, read inside the import's transaction: what the files are checked and diffed against. */
export type Existing = Awaited<ReturnType<typeof loadExisting>>

export async function loadExisting(tx: Tx) {
  const units = await tx.unit.findMany({ select: UNIT_SELECT })
  const employees = await tx.employee.findMany({ select: EMPLOYEE_SELECT })
  // chat accounts: those the import vouched for are written from the telegram_user_id / slack_user_id columns
  const accounts = await tx.chatAccount.findMany({ select: { id: true, employeeId: true, platform: true, externalId: true, vouchedBy: true, chatId: true } })
  return {
    accounts,
    units: new Map(units.map((u) => [u.code, u])),
    unitCodeById: new Map(units.map((u) => [u.id, u.code])),
    employees: new Map(employees.map((e) => [e.nip, e])),
    nipById: new Map(employees.map((e) => [e.id, e.nip])),
  }
}
