// `npm start`: serves the production build (PORT, default 3000, or `-p N`; `-H address` to listen on one address).
// A thin Node server around Next's request handler, for what `next start` cannot do:
// say clearly when there is no build, refuse TRACE/TRACK/CONNECT with 405 (Next turns
// them into a 500 from inside its fetch adapter), send prerendered pages straight from
// the build (static-pages.mjs) and search pages it has already rendered (search-cache.mjs).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import next from 'next'
import { defaultLocaleSegment, localeSegments, pageCacheControl, securityHeaders } from '../next.config.mjs'
import { createStaticPages } from './static-pages.mjs'
import { createSearchCache } from './search-cache.mjs'
import { heapLimitMb, heapNeededMb, searchIndexFiles } from './server-heap.mjs'

const dist = process.env.NEXT_DIST_DIR || '.next'
if (!fs.existsSync(path.join(dist, 'BUILD_ID'))) {
  console.error(`start: no production build in ${dist}/ — run \`npm run build\` first (with the same CONTENT_DIR and NEXT_DIST_DIR)`)
  process.exit(1)
}

const args = process.argv.slice(2)

// A large site's search indexes need a larger heap than Node's default: run again with one.
const heapMb = heapNeededMb(dist)
if (heapMb > heapLimitMb()) {
  console.log(`start: the search indexes need a ${heapMb} MiB heap; restarting with --max-old-space-size=${heapMb}`)
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 1))
  await new Promise(() => {}) // The child serves; this process only waits for it.
}
const option = (...names) => {
  const i = args.findIndex((a) => names.includes(a))
  return i >= 0 ? args[i + 1] : undefined
}
const port = Number(option('-p', '--port') ?? process.env.PORT ?? 3000)
// Not $HOSTNAME: shells and containers set it to the machine's own name.
const hostname = option('-H', '--hostname') ?? '0.0.0.0'
const UNSUPPORTED = new Set(['TRACE', 'TRACK', 'CONNECT'])

// Next compares a rewrite's origin with its own to tell internal rewrites from external
// ones, and its URLs spell 127.0.0.1 as "localhost": given the listen address, the
// proxy's 404 rewrite looked external (a redirect loop). It only needs a name for itself.
const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port })
await app.prepare()
const handle = app.getRequestHandler()
const serveStatic = createStaticPages({ dist, defaultSegment: defaultLocaleSegment, headers: securityHeaders, cacheControl: pageCacheControl })
const localePrefixes = ['', ...localeSegments.map((segment) => `/${segment}`)]
// Without its index a locale's search page says search is unavailable: that answer is not kept.
const indexes = searchIndexFiles(dist).map((f) => f.name.toLowerCase())
const searchPaths = localePrefixes
  .filter((prefix) => indexes.includes(`search-${prefix.slice(1) || defaultLocaleSegment}.json`))
  .map((prefix) => `${prefix}/search/`)
const serveSearch = createSearchCache({ searchPaths, headers: securityHeaders, cacheControl: pageCacheControl })
const server = http.createServer((req, res) => {
  if (UNSUPPORTED.has(req.method ?? '')) {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Method Not Allowed\n')
    return
  }
  if (!serveStatic(req, res) && !serveSearch(req, res, handle)) handle(req, res)
})
// Idle connections stay open longer than clients keep them (undici: 4 s, browsers: longer, load
// balancers: 60 s), so a client never sends on a socket the server is closing: with the default
// 5 s, a request arriving just after a long synchronous index load met a closed connection.
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
server.listen(port, hostname, () => {
  console.log(`▲ Kanbao ready on http://localhost:${port} (${dist})`)
  warmSearch()
})

// Loading a locale's search index takes seconds at tens of thousands of articles;
// do it now, in the background, rather than in the first reader's search. One at a
// time: parsing an index needs several times its final size for a moment.
async function warmSearch() {
  for (const searchPath of searchPaths) {
    await fetch(`http://127.0.0.1:${port}${searchPath}?q=warmup`, { signal: AbortSignal.timeout(300_000) }).catch(() => {})
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
