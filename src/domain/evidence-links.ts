import { createHmac, timingSafeEqual } from 'node:crypto'
import { isUniqueViolation, type Db } from '../db/client.js'
import { audit } from './audit.js'

// Bukti Dukung links (docs/evaluation.md, "Progres harian"): a progres harian export names each activity's
// evidence by a link BKN's verifiers open without signing in:
//
//   {PUBLIC_URL}/bukti/<activityId>/<version>-<signature>
//
// The signature is an HMAC-SHA256 with EVIDENCE_LINK_SECRET over the activity and the version: nobody can
// make a link for another activity or version without the secret. Whether a link still works is kept in the
// database (EvidenceLink): `bukti revoke` ends it (410 Gone) and the next export hands out the next version.
// Changing the secret ends every link at once (they no longer verify: 403).

/** Where links point and what signs them; both are needed to link stored files. */
export interface EvidenceLinkSettings {
  publicUrl?: string | undefined
  secret?: string | undefined
}

/** The route prefix the app serves the links on. */
export const EVIDENCE_LINK_PREFIX = '/bukti'

/** Why no link can be made: a setting is missing. */
export type LinkProblem = 'NO_PUBLIC_URL' | 'NO_SECRET'

export function linkProblem(s: EvidenceLinkSettings): LinkProblem | null {
  if (!s.publicUrl) return 'NO_PUBLIC_URL'
  if (!s.secret) return 'NO_SECRET'
  return null
}

const sign = (secret: string, activityId: number, version: number): string =>
  createHmac('sha256', secret).update(`kinerja-bot/bukti/v1:${activityId}:${version}`).digest('base64url')

/** The path of one link (without PUBLIC_URL): `/bukti/12/1-<signature>`. */
export const evidenceLinkPath = (secret: string, activityId: number, version: number): string =>
  `${EVIDENCE_LINK_PREFIX}/${activityId}/${version}-${sign(secret, activityId, version)}`

/** The whole link, PUBLIC_URL's own path kept (a proxy that serves the app under a prefix). */
export const evidenceLinkUrl = (publicUrl: string, secret: string, activityId: number, version: number): string =>
  `${publicUrl.replace(/\/+$/, '')}${evidenceLinkPath(secret, activityId, version)}`

/**
 * The link of each activity: its newest link still in force, or a new one (the next version) for an
 * activity without one. Written now, so a later revocation can end exactly the links handed out.
 */
export async function issueEvidenceLinks(
  db: Db,
  settings: Required<{ [K in keyof EvidenceLinkSettings]: string }>,
  activityIds: readonly number[],
  at: Date,
): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  if (activityIds.length === 0) return out
  const ids = [...new Set(activityIds)]
  const versions = new Map<number, number>()
  const newest = new Map<number, number>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.evidenceLink.findMany({ where: { activityId: { in: ids.slice(i, i + 500) } }, select: { activityId: true, version: true, revokedAt: true } })
    for (const r of rows) {
      newest.set(r.activityId, Math.max(newest.get(r.activityId) ?? 0, r.version))
      if (r.revokedAt === null) versions.set(r.activityId, Math.max(versions.get(r.activityId) ?? 0, r.version))
    }
  }
  // a unit's export links thousands of activities at once: the new links in a few statements; only when
  // another export made one of them meanwhile is each taken one by one below
  const fresh = ids.filter((id) => !versions.has(id))
  try {
    for (let i = 0; i < fresh.length; i += 500) {
      const rows = fresh.slice(i, i + 500).map((id) => ({ activityId: id, version: (newest.get(id) ?? 0) + 1, createdAt: at }))
      await db.evidenceLink.createMany({ data: rows })
      for (const r of rows) versions.set(r.activityId, r.version)
    }
  } catch (err) {
    if (!isUniqueViolation(err)) throw err
  }
  for (const id of ids) {
    let version = versions.get(id)
    // a link made meanwhile by another export is the same link: take it
    for (let attempt = 0; version === undefined; attempt++) {
      const next = (newest.get(id) ?? 0) + 1
      try {
        await db.evidenceLink.create({ data: { activityId: id, version: next, createdAt: at } })
        version = next
      } catch (err) {
        if (!isUniqueViolation(err) || attempt > 3) throw err
        const rows = await db.evidenceLink.findMany({ where: { activityId: id }, select: { version: true, revokedAt: true } })
        newest.set(id, Math.max(0, ...rows.map((r) => r.version)))
        const live = rows.filter((r) => r.revokedAt === null).map((r) => r.version)
        if (live.length > 0) version = Math.max(...live)
      }
    }
    out.set(id, evidenceLinkUrl(settings.publicUrl, settings.secret, id, version))
  }
  return out
}

/** The link as handed out, for an operator (`bukti link`): the one in force, or a new one. */
export async function evidenceLinkOf(db: Db, settings: Required<{ [K in keyof EvidenceLinkSettings]: string }>, activityId: number, at: Date): Promise<string> {
  return (await issueEvidenceLinks(db, settings, [activityId], at)).get(activityId)!
}

/**
 * Ends every link of the activity still in force (they answer 410 Gone from now on), audited; the number
 * ended. The next export makes a new link.
 */
export async function revokeEvidenceLinks(db: Db, activityId: number, at: Date, by: { actorId?: number | null; via: string }): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.evidenceLink.updateMany({ where: { activityId, revokedAt: null }, data: { revokedAt: at } })
    await audit(tx, { actorId: by.actorId ?? null, action: 'evidence_link.revoke', entity: 'activity', entityId: activityId, at, detail: { links: count, via: by.via } })
    return count
  })
}

/** What a request for a link gets. */
export type EvidenceLinkAnswer =
  | { status: 404 | 403 | 410 }
  | { status: 200; file: { filename: string; mime: string; data: Uint8Array } }
  | { status: 302; location: string }

const TOKEN = /^([1-9]\d{0,8})-([A-Za-z0-9_-]{43})$/

/**
 * Reads one link: a malformed path is unknown (404); a signature that is not ours is forbidden (403),
 * checked before the database is asked, in constant time; a revoked link is gone (410); then the stored
 * file, or the evidence's own web address for a link.
 */
export async function resolveEvidenceLink(db: Db, secret: string, idText: string, token: string): Promise<EvidenceLinkAnswer> {
  const m = TOKEN.exec(token)
  if (!/^[1-9]\d{0,9}$/.test(idText) || !m) return { status: 404 }
  const activityId = Number(idText)
  const version = Number(m[1])
  if (!Number.isSafeInteger(activityId) || activityId > 2_147_483_647) return { status: 404 }
  const expected = Buffer.from(sign(secret, activityId, version))
  const given = Buffer.from(m[2]!)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 403 }
  const link = await db.evidenceLink.findUnique({
    where: { activityId_version: { activityId, version } },
    select: {
      revokedAt: true,
      activity: { select: { evidenceKind: true, evidenceRef: true, evidenceFile: { select: { filename: true, mime: true, data: true } } } },
    },
  })
  if (!link) return { status: 404 }
  if (link.revokedAt !== null) return { status: 410 }
  const a = link.activity
  if (a.evidenceFile) return { status: 200, file: a.evidenceFile }
  if (a.evidenceKind === 'link' && a.evidenceRef && /^https?:\/\//i.test(a.evidenceRef)) return { status: 302, location: a.evidenceRef }
  return { status: 404 }
}
