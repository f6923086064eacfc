import { ApiError, type Params, type Update } from './types.js'

interface HeldPoll {
  limit: number
  resolve: (updates: Update[]) => void
  reject: (err: ApiError) => void
}

const toInt = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : undefined
}

/**
 * The pending-update queue with Telegram's getUpdates semantics: updates stay queued until
 * confirmed by a getUpdates call with offset > update_id; a request without updates is held up
 * to `timeout` seconds and woken when an update arrives; a newer getUpdates terminates the held
 * one with 409 Conflict.
 */
export class UpdateQueue {
  private pending: Update[] = []
  private held: HeldPoll | undefined
  private nextId: number

  constructor(firstUpdateId: number) {
    this.nextId = firstUpdateId
  }

  push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = { ...update, update_id: update.update_id ?? this.nextId } as Update
    this.nextId = Math.max(this.nextId, full.update_id + 1)
    this.pending.push(full)
    this.pending.sort((a, b) => a.update_id - b.update_id)
    const held = this.held
    if (held) {
      this.held = undefined
      held.resolve(this.pending.slice(0, held.limit))
    }
    return full
  }

  remove(updateId: number): void {
    this.pending = this.pending.filter((u) => u.update_id !== updateId)
  }

  count(): number {
    return this.pending.length
  }

  clear(): void {
    this.pending = []
  }

  /** Answers a held getUpdates (if any) with an error, e.g. 409 when setWebhook is called. */
  terminateHeld(err: ApiError): void {
    const held = this.held
    this.held = undefined
    held?.reject(err)
  }

  /** Answers a held getUpdates (if any) with an empty result (used on close). */
  releaseHeld(): void {
    const held = this.held
    this.held = undefined
    held?.resolve([])
  }

  getUpdates(params: Params, signal: AbortSignal): Update[] | Promise<Update[]> {
    const offset = toInt(params.offset) ?? 0
    const limit = Math.min(100, Math.max(1, toInt(params.limit) ?? 100))
    const timeout = Math.max(0, toInt(params.timeout) ?? 0)
    if (offset < 0) this.pending = this.pending.slice(offset)
    else if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset)
    this.terminateHeld(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'))
    if (this.pending.length > 0 || timeout === 0) return this.pending.slice(0, limit)
    return new Promise<Update[]>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        if (this.held === held) this.held = undefined
      }
      const held: HeldPoll = {
        limit,
        resolve: (u) => (done(), resolve(u)),
        reject: (e) => (done(), reject(e)),
      }
      // The client went away (grammY aborts on bot.stop()): stop waiting; nothing was consumed.
      const onAbort = () => held.reject(new ApiError(499, 'client closed request'))
      const timer = setTimeout(() => held.resolve([]), timeout * 1000)
      signal.addEventListener('abort', onAbort)
      this.held = held
    })
  }
}
