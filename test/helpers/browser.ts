import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { Harness } from './app.js'
import { openedTheBot, signInLinkIn } from './console.js'
import { afterEveryTest } from './cleanup.js'

// Real-browser tests run Debian's Chromium (installed by .ci/run with apt; no library downloads a
// browser) through playwright-core. Without it a developer's run skips them; CI (CI=true) must have it.
export const CHROMIUM = '/usr/bin/chromium'
export const chromiumAvailable = existsSync(CHROMIUM)
if (!chromiumAvailable && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI installs it (apt-get install chromium, .ci/run)`)

/** Screenshots of the console's pages, one per page a test visits (git-ignored). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../screenshots')

const browsers: Browser[] = []
afterEveryTest(async () => {
  for (const b of browsers.splice(0)) await b.close()
})

/** A headless Chromium page, closed after the test. */
export async function newPage(opts: { width?: number; height?: number } = {}): Promise<Page> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
  browsers.push(browser)
  return browser.newPage({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 } })
}

/** Saves a full-page screenshot as screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** Signs in through the page as a person does: the NIP, the link from their (fake) Telegram chat, Masuk. */
export async function signInInBrowser(h: Harness, page: Page, person: { nip: string; telegram: number }): Promise<void> {
  await openedTheBot(h, person.nip, person.telegram)
  const before = h.tg.messagesTo(person.telegram).at(-1)?.message_id ?? 0
  await page.goto(`http://127.0.0.1:${h.app.port}/console/masuk`)
  await page.getByLabel('NIP').fill(person.nip)
  await page.getByRole('button', { name: 'Kirim tautan masuk' }).click()
  await page.getByRole('status').waitFor()
  await h.tg.waitFor(() => signInLinkIn(h, person.telegram, before), { label: 'sign-in link' })
  await page.goto(signInLinkIn(h, person.telegram, before)!)
  await page.getByRole('button', { name: 'Masuk' }).click()
  await page.waitForURL(/\/console$/)
}
