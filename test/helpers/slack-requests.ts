import { createHmac, randomUUID } from 'node:crypto'
import { buttonsOf, type FakeSlack, type Json, type SlackMessage, type SlackView } from './fake-slack.js'

// Requests as Slack sends them to the app's request URL: events as JSON, slash commands and
// interactivity form-encoded (interactivity as a single `payload=` field), each signed with
// `v0=` HMAC-SHA256(secret, `v0:{timestamp}:{body}`) and stamped with x-slack-request-timestamp.

export const FORM = 'application/x-www-form-urlencoded'

export interface SignOptions {
  /** Unix seconds; default now (the signature check uses the real clock). */
  timestamp?: number
  /** Overrides the computed signature; null sends none. */
  signature?: string | null
  secret?: string
  headers?: Record<string, string>
}

export interface SlackResponse {
  status: number
  text: string
  json: Json | null
  ms: number
}

/** Slack escapes these three in message and slash command text (links and mentions use `<…>`). */
export const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export const sign = (secret: string, timestamp: number, body: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`

export async function signedPost(url: string, body: string, contentType: string, secret: string, o: SignOptions = {}): Promise<SlackResponse> {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000)
  const signature = o.signature === undefined ? sign(o.secret ?? secret, timestamp, body) : o.signature
  const started = performance.now()
  // a string body keeps the content type exactly as given (bolt compares it exactly)
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      ...(signature === null ? {} : { 'x-slack-signature': signature }),
      ...o.headers,
    },
  })
  const text = await res.text()
  let json: Json | null = null
  try {
    json = text ? (JSON.parse(text) as Json) : null
  } catch {
    json = null
  }
  return { status: res.status, text, json, ms: performance.now() - started }
}

export type ClickTarget =
  | { message: SlackMessage }
  | { home: string }
  | { view: SlackView }
  /** An ephemeral message (the /kinerja persetujuan list): only its response URL leads back to it. */
  | { ephemeral: { blocks?: SlackView['blocks'] }; channel: string }

export function slackRequests(fake: FakeSlack, opts: { appUrl: () => string; secret: string }) {
  const endpoint = () => `${opts.appUrl()}/slack/events`
  const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: fake.teamId })
  const team = { id: fake.teamId, domain: 'kendari' }
  const interactivity = (payload: Json, o?: SignOptions) =>
    signedPost(endpoint(), new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, opts.secret, o)

  /** A slash command's fields: form-encoded to the request URL, a JSON object over the socket. */
  const commandFields = (userId: string, text: string, o: { channelId?: string; triggerIssuedAt?: number } = {}) => ({
    token: 'legacy-verification-token',
    team_id: fake.teamId,
    team_domain: 'kendari',
    channel_id: o.channelId ?? fake.dmChannel(userId),
    channel_name: 'directmessage',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/kinerja',
    text: slackEscape(text),
    api_app_id: 'A0KINERJA',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(),
    trigger_id: fake.triggerId(o.triggerIssuedAt),
  })
  /** An Events API delivery's body (the same over HTTP and over the socket). */
  const eventBody = (event: Json, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`) => ({
    token: 'legacy-verification-token',
    team_id: fake.teamId,
    api_app_id: 'A0KINERJA',
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: fake.teamId, user_id: fake.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  })
  const dmEvent = (userId: string, text: string): Json => ({ type: 'message', channel: fake.dmChannel(userId), channel_type: 'im', user: userId, text: slackEscape(text), ts: `${Date.now() / 1000}` })

  return {
    endpoint,
    /** `/kinerja <text>` typed by a user in a channel (default: their DM with the app). */
    command(userId: string, text: string, o: SignOptions & { channelId?: string; triggerIssuedAt?: number } = {}) {
      return signedPost(endpoint(), new URLSearchParams(commandFields(userId, text, o)).toString(), FORM, opts.secret, o)
    },

    /** A click on a button found by its label (or given as raw action_id/value, e.g. forged). */
    click(userId: string, where: ClickTarget, button: RegExp | { action_id: string; value: string; block_id?: string }, o?: SignOptions) {
      const source = 'message' in where ? where.message : 'home' in where ? fake.homes.get(where.home) : 'view' in where ? where.view : where.ephemeral
      const found =
        button instanceof RegExp ? buttonsOf(source ?? {}).find((b) => button.test(b.text?.text ?? '')) : { ...button, type: 'button', text: { text: '?' } }
      if (!found) throw new Error(`no button ${String(button)} in ${JSON.stringify(source?.blocks ?? []).slice(0, 400)}`)
      const action = { type: 'button', action_id: found.action_id, block_id: found.block_id ?? 'b', value: found.value, text: { type: 'plain_text', text: found.text?.text ?? '' }, action_ts: `${Date.now() / 1000}` }
      const base = { type: 'block_actions', user: user(userId), api_app_id: 'A0KINERJA', token: 'legacy-verification-token', team, enterprise: null, is_enterprise_install: false, trigger_id: fake.triggerId(), actions: [action], state: { values: {} } }
      if ('message' in where) {
        const m = where.message
        return interactivity({
          ...base,
          container: { type: 'message', message_ts: m.ts, channel_id: m.channel, is_ephemeral: false },
          channel: { id: m.channel, name: 'directmessage' },
          message: { type: 'message', ts: m.ts, text: m.text, blocks: m.blocks, user: fake.botUserId, bot_id: 'B0KBOT' },
          response_url: fake.responseUrl(),
        }, o)
      }
      if ('ephemeral' in where) {
        return interactivity({
          ...base,
          container: { type: 'message', message_ts: '1795000000.999999', channel_id: where.channel, is_ephemeral: true },
          channel: { id: where.channel, name: 'directmessage' },
          response_url: fake.responseUrl(),
        }, o)
      }
      const view = 'home' in where ? fake.homes.get(where.home)! : where.view
      // clicks in App Home and in modals come without a channel and without a response URL
      return interactivity({ ...base, container: { type: 'view', view_id: view.id }, view: { ...view, team_id: fake.teamId, app_id: 'A0KINERJA', state: { values: {} }, hash: 'h' } }, o)
    },

    /**
     * A pick in a modal's select that dispatches its action (an input block with dispatch_action): a
     * block_actions payload from the view, with the other inputs' state as typed so far.
     */
    select(userId: string, view: SlackView, blockId: string, value: string, values: Record<string, Json> = {}, o?: SignOptions) {
      const action = { type: 'static_select', action_id: 'value', block_id: blockId, selected_option: { text: { type: 'plain_text', text: value }, value }, action_ts: `${Date.now() / 1000}` }
      const state = { values: Object.fromEntries(Object.entries({ ...values, [blockId]: { type: 'static_select', selected_option: { value } } }).map(([block, v]) => [block, { value: v }])) }
      return interactivity({
        type: 'block_actions', user: user(userId), api_app_id: 'A0KINERJA', token: 'legacy-verification-token', team, enterprise: null, is_enterprise_install: false,
        trigger_id: fake.triggerId(), actions: [action], container: { type: 'view', view_id: view.id },
        view: { ...view, team_id: fake.teamId, app_id: 'A0KINERJA', state, hash: 'h' },
      }, o)
    },

    /** Submits a modal the app opened, with the given input values (block id → element state). */
    submit(userId: string, view: SlackView, values: Record<string, Json>, o?: SignOptions) {
      const state = { values: Object.fromEntries(Object.entries(values).map(([block, v]) => [block, { value: v }])) }
      return interactivity({
        type: 'view_submission',
        team,
        user: user(userId),
        api_app_id: 'A0KINERJA',
        token: 'legacy-verification-token',
        trigger_id: fake.triggerId(),
        view: { ...view, team_id: fake.teamId, app_id: 'A0KINERJA', bot_id: 'B0KBOT', state, hash: 'h', root_view_id: view.id, previous_view_id: null, clear_on_close: false, notify_on_close: false },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      }, o)
    },

    /** An Events API delivery; the same event_id with x-slack-retry-num is how Slack retries. */
    event(event: Json, o: SignOptions & { eventId?: string; retryNum?: number } = {}) {
      const body = JSON.stringify(eventBody(event, o.eventId))
      const retry: Record<string, string> = o.retryNum ? { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}
      return signedPost(endpoint(), body, 'application/json', opts.secret, { ...o, headers: { ...retry, ...o.headers } })
    },

    openHome: (userId: string, o?: SignOptions & { eventId?: string; retryNum?: number }) =>
      slackRequests(fake, opts).event({ type: 'app_home_opened', user: userId, channel: fake.dmChannel(userId), tab: 'home' }, o),

    dm: (userId: string, text: string, o?: SignOptions & { eventId?: string; retryNum?: number }) => slackRequests(fake, opts).event(dmEvent(userId, text), o),

    /** A file shared in the DM with the app (a `file_share` message), with an optional text; put it in `fake.userFiles` to be downloadable. */
    dmFile: (userId: string, file: { id: string; name: string }, text = '', o?: SignOptions & { eventId?: string }) =>
      slackRequests(fake, opts).event({ ...(dmEvent(userId, text) as Record<string, Json>), subtype: 'file_share', files: [{ id: file.id, name: file.name, mode: 'hosted' }] }, o),

    /** Socket Mode: the same requests as envelopes over the app's WebSocket; each resolves with the ack's payload. */
    socket: {
      command: (userId: string, text: string) => fake.socket.deliver('slash_commands', commandFields(userId, text)),
      dm: (userId: string, text: string) => fake.socket.deliver('events_api', eventBody(dmEvent(userId, text))),
    },
  }
}

export type SlackRequests = ReturnType<typeof slackRequests>

/** The report form's values as Slack puts them in `view.state.values`. */
export function reportForm(f: { description?: string; date?: string; start?: string; end?: string; duration?: string; link?: string; file?: { id: string; name: string } }): Record<string, Json> {
  return {
    description: { type: 'plain_text_input', value: f.description ?? null },
    date: { type: 'datepicker', selected_date: f.date ?? null },
    start: { type: 'timepicker', selected_time: f.start ?? null },
    end: { type: 'timepicker', selected_time: f.end ?? null },
    duration: { type: 'plain_text_input', value: f.duration ?? null },
    evidence_link: { type: 'url_text_input', value: f.link ?? null },
    evidence_file: { type: 'file_input', files: f.file ? [{ id: f.file.id, name: f.file.name }] : [] },
  }
}
