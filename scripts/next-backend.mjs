// Next's request handler for `npm start` (scripts/start.mjs), in a process of its own:
// it holds the search indexes and renders what is not prerendered. It listens on a
// Unix socket only the front workers reach.
import fs from 'node:fs'
import http from 'node:http'
import next from 'next'

const socket = process.env.KANBAO_BACKEND_SOCKET
const port = Number(process.env.KANBAO_PUBLIC_PORT)
// Next compares a rewrite's origin with its own to tell internal rewrites from external
// ones, and its URLs spell 127.0.0.1 as "localhost": given the listen address, the
// proxy's 404 rewrite looked external (a redirect loop). It only needs a name for itself.
const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port })
await app.prepare()
const handle = app.getRequestHandler()
const server = http.createServer((req, res) => handle(req, res))
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
fs.rmSync(socket, { force: true })
server.listen(socket, () => process.send?.('ready'))
// The front is gone (even killed outright, which leaves it no time to clean up): so is the site.
process.on('disconnect', () => {
  fs.rmSync(socket, { force: true })
  process.exit(0)
})
