// a response URL is answered at once or not at all: the person is looking at the message it replaces
const RESPOND_TIMEOUT_MS = 10_000

export type RespondAt = (url: string, message: Record<string, unknown>) => Promise<void>

/**
 * Posts to a response URL, the only way back to an ephemeral message (the /kinerja persetujuan list),
 * also from a modal that carries the URL in its metadata. Metadata is client data, so only Slack's own
 * hosts are posted to: the Web API host of SLACK_API_URL and its `hooks.` host (hooks.slack.com).
 */
export function createResponder(apiUrl: string): RespondAt {
  const api = new URL(apiUrl)
  const trusted = (u: URL) => u.protocol === api.protocol && (u.host === api.host || u.host === `hooks.${api.host}`)
  return async (url, message) => {
    const target = URL.canParse(url) ? new URL(url) : undefined
    // never the URL itself in an error (it is a credential for the message)
    if (!target || !trusted(target)) throw new Error('response URL of an unknown host refused')
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(RESPOND_TIMEOUT_MS),
    })
    if (!res.ok) throw new Error(`response URL answered ${res.status}`)
  }
}
