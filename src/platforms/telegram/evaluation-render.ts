import type { EvaluationMessage } from '../../domain/evaluation-types.js'
import { renderForTelegram, type TelegramMessage } from './message.js'

/** A card redrawn in place after a choice on it: the same rendering the outbox uses. */
export const renderEvaluationForTelegram = (m: EvaluationMessage): TelegramMessage => renderForTelegram(m)
