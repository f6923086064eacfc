// Waiting on the app's outbox from the bench process: rows still to be delivered (PENDING or SENDING).
import { openDatabase } from '../../src/db/client.js'

export async function waitOutboxDrained(url: string, timeoutMs: number): Promise<{ ms: number; open: number }> {
  const db = await openDatabase(url)
  const t0 = performance.now()
  try {
    for (;;) {
      const open = await db.prisma.outbox.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })
      if (open === 0) return { ms: performance.now() - t0, open }
      if (performance.now() - t0 > timeoutMs) return { ms: performance.now() - t0, open }
      await new Promise((r) => setTimeout(r, 50))
    }
  } finally {
    await db.close()
  }
}

export async function waitUntil(probe: () => boolean, timeoutMs: number, pollMs = 10): Promise<boolean> {
  const t0 = performance.now()
  while (!probe()) {
    if (performance.now() - t0 > timeoutMs) return false
    await new Promise((r) => setTimeout(r, pollMs))
  }
  return true
}
