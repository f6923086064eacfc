import { renderOutbox } from '../../conversation/render.js'
import { DeliveryError, type Notifier, type SendResult } from '../../notify/types.js'
import { PLAYGROUND_CAPABILITIES, type Chat } from './chat.js'

/** Delivery to the playground: the rendered message becomes a row of the person's chat; an edit, its new state. */
export function createPlaygroundNotifier(chat: Chat): Notifier {
  return {
    platform: 'playground',
    capabilities: PLAYGROUND_CAPABILITIES,
    async send(chatId, message, files): Promise<SendResult> {
      const m = renderOutbox(message, PLAYGROUND_CAPABILITIES)
      // the digest's chart travels with its message as an image the page shows
      const image = files?.find((f) => f.mime.startsWith('image/'))
      const messageId = await chat.add(chatId, 'bot', m, image ? `data:${image.mime};base64,${image.data.toString('base64')}` : undefined)
      return { messageId }
    },
    async edit(chatId, messageId, message) {
      const m = renderOutbox(message, PLAYGROUND_CAPABILITIES)
      if (!(await chat.edit(chatId, messageId, () => m))) throw new DeliveryError(`no playground message ${messageId} in chat ${chatId}`, { permanent: true })
    },
  }
}
