import { t } from '../../messages/index.js'
import { done, refusal, say, type Flow } from '../core.js'

/** Linking by code: /start CODE at once, or /start then the code as the next message. */
export const linkStep: Flow = async (c, state, input) => {
  let code: string | null = null
  if (input.type === 'command' && input.command === 'link') {
    code = input.text.trim()
    if (!code) return done([say(t('link.askCode'))], { step: 'link_code' })
  } else if (input.type === 'text' && state?.step === 'link_code') {
    code = input.text
  }
  if (code === null) return null
  const { platform, externalId, chatId, address } = c.who
  try {
    const linked = await c.services.linking.redeem({ platform, externalId, chatId: address ?? chatId }, code)
    return done([{ type: 'linked', employee: linked }])
  } catch (err) {
    // a wrong code may be typed again while the step lasts
    return done([refusal(input, err)], state)
  }
}
