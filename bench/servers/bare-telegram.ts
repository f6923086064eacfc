// The framework ceiling: a grammY webhook bot on node:http that only replies. Same Bot API fake,
// same HTTP path and secret check as the real app, no database.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Bot, webhookCallback } from 'grammy'

const bot = new Bot(process.env.TELEGRAM_BOT_TOKEN!, { client: { apiRoot: process.env.TELEGRAM_API_ROOT! } })
bot.on('message', (ctx) => ctx.reply('Laporan diterima'))
await bot.init()
const handle = webhookCallback(bot, 'http', { secretToken: process.env.TELEGRAM_WEBHOOK_SECRET })
const server = createServer((req, res) => {
  handle(req, res).catch(() => {
    res.statusCode = 500
    res.end()
  })
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
