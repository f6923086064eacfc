import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

// The server side of a WebSocket (RFC 6455) as far as Slack's Socket Mode needs it: the handshake,
// text frames both ways (unfragmented: every message of the protocol is small), ping → pong and the
// closing handshake. The app's client is the real one (@slack/socket-mode over `ws`).

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const

export interface WebSocketPeer {
  readonly closed: boolean
  send(text: string): void
  /** Drops the connection without a closing handshake (the fake shutting down). */
  destroy(): void
}

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length
  let head: Buffer
  if (len < 126) head = Buffer.from([0x80 | opcode, len])
  else if (len < 65536) {
    head = Buffer.from([0x80 | opcode, 126, 0, 0])
    head.writeUInt16BE(len, 2)
  } else {
    head = Buffer.alloc(10)
    head[0] = 0x80 | opcode
    head[1] = 127
    head.writeBigUInt64BE(BigInt(len), 2)
  }
  return Buffer.concat([head, payload])
}

/** Accepts an HTTP upgrade request as a WebSocket; `onText` gets every text message the client sends. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, onText: (text: string) => void): WebSocketPeer {
  const accept = createHash('sha1').update(`${String(req.headers['sec-websocket-key'] ?? '')}${ACCEPT_GUID}`).digest('base64')
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'))
  let closed = false
  let pending = Buffer.alloc(0)
  const write = (opcode: number, payload: Buffer) => {
    if (!closed) socket.write(frame(opcode, payload))
  }

  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk])
    for (;;) {
      if (pending.length < 2) return
      const opcode = pending[0]! & 0x0f
      const masked = (pending[1]! & 0x80) !== 0
      let len = pending[1]! & 0x7f
      let at = 2
      if (len === 126) {
        if (pending.length < 4) return
        len = pending.readUInt16BE(2)
        at = 4
      } else if (len === 127) {
        if (pending.length < 10) return
        len = Number(pending.readBigUInt64BE(2))
        at = 10
      }
      const maskAt = at
      if (masked) at += 4
      if (pending.length < at + len) return
      // a client masks every frame it sends
      const payload = Buffer.from(pending.subarray(at, at + len))
      if (masked) for (let i = 0; i < len; i++) payload[i] = payload[i]! ^ pending[maskAt + (i % 4)]!
      pending = pending.subarray(at + len)
      if (opcode === OP.text) onText(payload.toString('utf8'))
      else if (opcode === OP.ping) write(OP.pong, payload)
      else if (opcode === OP.close) {
        // answer the close frame with ours, then hang up: the client waits for it before it reports closed
        write(OP.close, payload.subarray(0, 2))
        closed = true
        socket.end()
      }
    }
  })
  socket.on('close', () => (closed = true))
  socket.on('error', () => (closed = true))

  return {
    get closed() {
      return closed
    },
    send: (text) => write(OP.text, Buffer.from(text, 'utf8')),
    destroy() {
      closed = true
      socket.destroy()
    },
  }
}
