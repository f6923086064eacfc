import type { Transformer } from 'grammy'

/**
 * A reverse proxy or load balancer in front of the Bot API can answer a 502/503/504 with JSON that is
 * no Bot API answer (`{}`, `{"ok":false}`, `{"message":"Bad Gateway"}`). grammY turns such a body into
 * a GrammyError without an `error_code`, which neither auto-retry nor the outbox would retry. This
 * makes it the 5xx it is, so every caller retries it within its own budget.
 */
export const proxyErrorsAsServerErrors: Transformer = async (prev, method, payload, signal) => {
  const res = await prev(method, payload, signal)
  if (res.ok || typeof (res as { error_code?: unknown }).error_code === 'number') return res
  const description = (res as { description?: unknown }).description
  return {
    ok: false,
    error_code: 502,
    description: `Bad Gateway: answer without error_code${typeof description === 'string' ? ` (${description})` : ''}`,
  }
}
