// A front worker of `npm start` (start.mjs runs one per core on the same port): sends
// prerendered pages and feeds straight from the build output (static-pages.mjs) and
// search pages already rendered (search-cache.mjs) from memory, and hands every other
// request to the Next process (next-backend.mjs) over its Unix socket.
import http from 'node:http'
import { defaultLocaleSegment, pageCacheControl, securityHeaders } from '../next.config.mjs'
import { createStaticPages } from './static-pages.mjs'
import { createSearchCache } from './search-cache.mjs'
import { searchPaths } from './server-heap.mjs'

const dist = process.env.NEXT_DIST_DIR || '.next'
const socketPath = process.env.KANBAO_BACKEND_SOCKET
const UNSUPPORTED = new Set(['TRACE', 'TRACK', 'CONNECT'])
// Connection-level headers belong to each hop, not to the request or the response.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'])

const serveStatic = createStaticPages({ dist, defaultSegment: defaultLocaleSegment, headers: securityHeaders, cacheControl: pageCacheControl })
const serveSearch = createSearchCache({ searchPaths: searchPaths(dist), headers: securityHeaders, cacheControl: pageCacheControl })
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

/** Next's answer, streamed through as it comes. */
function toNext(req, res) {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP.has(k)))
  const upstream = http.request({ socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
    for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !HOP.has(k)) res.setHeader(k, v)
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage)
    answer.pipe(res)
  })
  upstream.on('error', (e) => {
    if (res.headersSent) return void res.destroy(e)
    res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Bad Gateway\n')
  })
  // A reader who leaves stops the render too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy()
  })
  req.pipe(upstream)
}

const server = http.createServer((req, res) => {
  if (UNSUPPORTED.has(req.method ?? '')) {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Method Not Allowed\n')
    return
  }
  if (!serveStatic(req, res) && !serveSearch(req, res, toNext)) toNext(req, res)
})
// Idle connections stay open longer than clients keep them (undici: 4 s, browsers: longer, load
// balancers: 60 s), so a client never sends on a socket the server is closing: with the default
// 5 s, a request arriving just after a long synchronous index load met a closed connection.
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
server.listen(Number(process.env.KANBAO_PORT), process.env.KANBAO_HOSTNAME)
