import type { Db } from '../db/client.js'
import { subtree } from '../domain/digest.js'
import type { Viewer } from './auth.js'

// What a signed-in person may see: an ADMIN the whole organisation, a LEADER their unit's subtree, a
// SUPERVISOR their direct team. Every page and download builds its query from this, read per request.

export type Scope =
  | { kind: 'all' }
  | { kind: 'units'; rootUnitId: number; unitIds: number[] }
  | { kind: 'team'; supervisorId: number }

export async function scopeOf(db: Db, viewer: Viewer): Promise<Scope> {
  if (viewer.role !== 'LEADER') return scopeWith(viewer, [])
  return scopeWith(viewer, await db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } }))
}

/** The scope from units the caller has already read (every unit: a LEADER's subtree is taken from them). */
export function scopeWith(viewer: Viewer, units: readonly { id: number; code: string; name: string; parentId: number | null }[]): Scope {
  if (viewer.role === 'ADMIN') return { kind: 'all' }
  if (viewer.role === 'SUPERVISOR') return { kind: 'team', supervisorId: viewer.employeeId }
  return { kind: 'units', rootUnitId: viewer.unitId, unitIds: subtree(units, viewer.unitId).map((e) => e.unit.id) }
}

/** A Prisma filter on Employee for the scope. */
export function employeesIn(scope: Scope) {
  switch (scope.kind) {
    case 'all':
      return {}
    case 'units':
      return { unitId: { in: scope.unitIds } }
    case 'team':
      return { supervisorId: scope.supervisorId }
  }
}

/** A Prisma filter on Unit for the scope (a team sees no unit tree of its own: none). */
export function unitsIn(scope: Scope) {
  switch (scope.kind) {
    case 'all':
      return {}
    case 'units':
      return { id: { in: scope.unitIds } }
    case 'team':
      return { id: { in: [] as number[] } }
  }
}

/** Whether one unit is inside the scope. */
export function unitInScope(scope: Scope, unitId: number): boolean {
  return scope.kind === 'all' || (scope.kind === 'units' && scope.unitIds.includes(unitId))
}
