// The two trees of an organisation (unit → parent unit, employee → supervisor) as graphs where every node
// has at most one successor, given by a `next`/`parentOf` function over keys (unit code, NIP).

/** Every cycle reachable from `starts`. */
export function findCycles(starts: Iterable<string>, next: (key: string) => string | null): string[][] {
  const state = new Map<string, 'walking' | 'done'>()
  const cycles: string[][] = []
  for (const start of starts) {
    const path: string[] = []
    let key: string | null = start
    while (key !== null && !state.has(key)) {
      state.set(key, 'walking')
      path.push(key)
      key = next(key)
    }
    if (key !== null && state.get(key) === 'walking') cycles.push(path.slice(path.indexOf(key)))
    for (const k of path) state.set(k, 'done')
  }
  return cycles
}

/** A cycle as `A → B → A` for an error message, shortened when long. */
export const describeCycle = (cycle: string[]) =>
  cycle.length > 12 ? `${cycle.slice(0, 12).join(' → ')} → … (${cycle.length} entri)` : [...cycle, cycle[0]].join(' → ')

/**
 * Orders new keys into groups so that each key's parent is in an earlier group or already stored: each
 * group can then be inserted in bulk with its parent ids known. Requires an acyclic parent relation.
 */
export function levels(keys: string[], parentOf: (key: string) => string | null, isNew: (key: string) => boolean): string[][] {
  const depth = new Map<string, number>()
  for (const key of keys) {
    const path: string[] = []
    let cur: string | null = key
    while (cur !== null && isNew(cur) && !depth.has(cur)) {
      path.push(cur)
      cur = parentOf(cur)
    }
    let d = cur !== null && depth.has(cur) ? depth.get(cur)! + 1 : 0
    for (let i = path.length - 1; i >= 0; i--) depth.set(path[i]!, d++)
  }
  const groups: string[][] = []
  for (const [key, d] of depth) (groups[d] ??= []).push(key)
  return groups
}
