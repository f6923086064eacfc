// The framework ceiling for Slack: a bolt App on its HTTPReceiver (signature check, form parsing, ack)
// with a `/kinerja` command that acks and posts one message to the fake Web API. No database.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { App, HTTPReceiver } from '@slack/bolt'

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET! })
const app = new App({ token: process.env.SLACK_BOT_TOKEN!, receiver, clientOptions: { slackApiUrl: process.env.SLACK_API_URL! }, deferInitialization: true })
app.command('/kinerja', async ({ ack, client, command }) => {
  await ack()
  await client.chat.postMessage({ channel: command.channel_id, text: 'Laporan diterima' })
})
await app.init()
const server = createServer(receiver.requestListener)
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
