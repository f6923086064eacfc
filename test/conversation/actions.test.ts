import { describe, expect, it } from 'vitest'
import {
  actionPattern, APPROVE_ALL_MAX, BUTTON_LIMITS, ButtonTooLargeError, decodeAction, decodeActionOf, decodeSlackAction, encodeAction, slackActionPattern,
  slackButton, SLACK_ACTION_IDS, type Action,
} from '../../src/conversation/actions.js'

const BIG = 999_999_999_999
// one of each kind, with the largest ids each field takes
const samples: Action[] = [
  { kind: 'decide', activityId: BIG, version: 999_999, choice: 'tl' },
  { kind: 'evidence', activityId: BIG },
  { kind: 'fullText', activityId: BIG },
  { kind: 'edit', activityId: BIG },
  { kind: 'withdraw', activityId: BIG },
  { kind: 'page', page: 999_999 },
  { kind: 'approveAll', activityIds: Array.from({ length: APPROVE_ALL_MAX }, (_, i) => 60_000_000 + i) },
  { kind: 'guided', step: 'skip' },
  { kind: 'similar', answer: 'cancel' },
  { kind: 'reportStart' },
  { kind: 'openQueue' },
  { kind: 'guidedRhk', rhkId: 0 },
  { kind: 'guidedRencanaAksi', rencanaAksiId: BIG },
  { kind: 'guidedRealisasi', amount: 9999 },
  { kind: 'evalRate', evaluationId: BIG, choice: 'p2' },
  { kind: 'evalNote', evaluationId: 123_456, cardMessageId: 123_456_789, value: 6 },
  { kind: 'keberatanFile', evaluationId: BIG },
  { kind: 'keberatanResolve', evaluationId: BIG, choice: 'sv' },
  { kind: 'feedbackEmployee', employeeId: BIG },
  { kind: 'feedbackValue', employeeId: BIG, value: 'none' },
]

describe('the action codec', () => {
  it('writes every kind in the compact form and reads it back, within Telegram’s 64 bytes at the largest ids', () => {
    for (const a of samples) {
      const data = encodeAction(a)
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(BUTTON_LIMITS.telegram)
      expect(decodeAction(data)).toEqual(a)
      expect(actionPattern(a.kind).test(data)).toBe(true)
      expect(decodeActionOf(a.kind, data)).toEqual(a)
    }
  })

  it('keeps the forms buttons already in people’s chats carry', () => {
    expect(encodeAction({ kind: 'decide', activityId: 12, version: 1, choice: 'ok' })).toBe('dc:12:1:ok')
    expect(encodeAction({ kind: 'guided', step: 'send' })).toBe('gd:send')
    expect(encodeAction({ kind: 'reportStart' })).toBe('rp:start')
    expect(encodeAction({ kind: 'evalNote', evaluationId: 3, cardMessageId: 77, value: 2 })).toBe('en:3:77:2')
    // "Setujui semua" of old: decimal ids; new buttons write base 36 so ten large ids fit
    expect(decodeAction('pa:1,20,300')).toEqual({ kind: 'approveAll', activityIds: [1, 20, 300] })
    expect(encodeAction({ kind: 'approveAll', activityIds: [1, 20, 300] })).toBe('pb:1,k,8c')
  })

  it('refuses anything it did not write: other shapes, extra parts, too many ids, wrong choices', () => {
    for (const forged of ['', 'dc:12:1:ok; DROP TABLE', 'dc:12:1:xx', 'dc:-1:1:ok', 'dc:12:1', 'DC:12:1:ok', 'ed:1234567890123', 'zz:1', 'pb:1,2,3,4,5,6,7,8,9,a,b', 'fv:1:7', 'er:1:h3', 'gd:later', `ev:${'1'.repeat(300)}`]) {
      expect(decodeAction(forged)).toBeNull()
    }
    expect(decodeActionOf('edit', 'wd:5')).toBeNull()
  })

  it('will not write a button a platform would refuse', () => {
    const tooMany = { kind: 'approveAll' as const, activityIds: Array.from({ length: APPROVE_ALL_MAX }, () => Number.MAX_SAFE_INTEGER) }
    expect(() => encodeAction(tooMany)).toThrow(ButtonTooLargeError)
    expect(encodeAction(tooMany, 'whatsapp')).toMatch(/^pb:/)
  })

  it('writes Slack buttons as they always were, and checks the value against its action_id', () => {
    expect(slackButton({ kind: 'decide', activityId: 12, version: 2, choice: 'rv' })).toEqual({ actionId: 'decide_rv', value: '12:2:rv' })
    expect(slackButton({ kind: 'approveAll', activityIds: [1, 2, 10] })).toEqual({ actionId: 'approve_all', value: '1,2,10' })
    expect(slackButton({ kind: 'page', page: 3, dir: 'next' })).toEqual({ actionId: 'pending_next', value: '3' })
    expect(slackButton({ kind: 'evalRate', evaluationId: 9, choice: 'h1' })).toEqual({ actionId: 'eval_rate_h1', value: '9' })
    expect(slackButton({ kind: 'evalRate', evaluationId: 9, choice: 'ok' })).toEqual({ actionId: 'eval_send', value: '9' })
    expect(slackButton({ kind: 'keberatanResolve', evaluationId: 9, choice: 'ok' })).toEqual({ actionId: 'keberatan_confirm', value: '9' })
    expect(decodeSlackAction('decide_ok', '12:1:ok')).toEqual({ kind: 'decide', activityId: 12, version: 1, choice: 'ok' })
    expect(decodeSlackAction('decide_tl', '12:1:ok')).toBeNull()
    expect(decodeSlackAction('decide_ok', '12:1:ok; DROP TABLE')).toBeNull()
    expect(decodeSlackAction('eval_send', '9')).toEqual({ kind: 'evalRate', evaluationId: 9, choice: 'ok' })
    expect(decodeSlackAction('open_queue', 'anything')).toEqual({ kind: 'openQueue' })
    expect(decodeSlackAction('nope', '1')).toBeNull()
    // the feedback pickers are a modal's on Slack: no button of theirs is written there
    expect(() => slackButton({ kind: 'feedbackEmployee', employeeId: 3 })).toThrow(/no Slack button/)
    // the typed guided report's buttons, in the Slack DM
    expect(slackButton({ kind: 'guided', step: 'send' })).toEqual({ actionId: 'guided_send', value: 'guided' })
    expect(slackButton({ kind: 'guidedRhk', rhkId: 5 })).toEqual({ actionId: 'guided_rhk', value: '5' })
    expect(slackButton({ kind: 'guidedRencanaAksi', rencanaAksiId: 0 })).toEqual({ actionId: 'guided_rencana_aksi', value: '0' })
    expect(slackButton({ kind: 'guidedRealisasi', amount: 1 })).toEqual({ actionId: 'guided_realisasi', value: '1' })
    expect(decodeSlackAction('guided_skip', 'guided')).toEqual({ kind: 'guided', step: 'skip' })
    expect(slackButton({ kind: 'evidence', activityId: 7 })).toEqual({ actionId: 'evidence', value: '7' })
    // every Slack kind round-trips
    for (const a of samples.filter((s) => [...SLACK_ACTION_IDS.values()].includes(s.kind))) {
      const withDir = a.kind === 'page' ? { ...a, dir: 'prev' as const } : a.kind === 'similar' ? { ...a, activityId: 4 } : a
      const b = slackButton(withDir)
      expect(slackActionPattern(a.kind).test(b.actionId)).toBe(true)
      expect(decodeSlackAction(b.actionId, b.value)).toEqual(withDir)
    }
  })
})
