/**
 * What a person typed, from Slack's message format: links and mentions as their visible text, and
 * `&amp;` `&lt;` `&gt;` back to the characters (slash command text and messages arrive escaped).
 */
export function plainText(slackText: string): string {
  return slackText
    .replace(/<([^<>|]+)\|([^<>]+)>/g, '$2')
    .replace(/<(?:mailto:)?([^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** "kemarin …", "hari ini …", "08:00-…", "90m …", "26/11 …": a report line rather than a chat message. */
export const looksLikeReport = (text: string) => /^(\d|kemarin\b|hari ini\b)/i.test(text.trim())
