// The fast path of `npm start`: prerendered pages and feeds are files, so they are
// sent straight from the build output (compressed once, cached in memory, with an
// ETag) instead of through Next's handler and proxy, which cost ~10x the CPU per
// request. Anything that is not exactly a prerendered URL — other spellings that
// redirect, unknown URLs, search, client navigation (RSC), Draft Mode — goes to Next.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/**
 * Manifest key → public path, as lib/urls builds them: the default locale is served
 * from the root, pages end in "/", files (feeds, robots.txt) do not.
 * Keys are Next's: each segment decoded, except "/", "#" and "?" (lib/known-pages.ts).
 */
export function publicPath(key, defaultSegment, page) {
  const rest = key === `/${defaultSegment}` ? '' : key.startsWith(`/${defaultSegment}/`) ? key.slice(defaultSegment.length + 1) : key
  return page ? `${rest}/`.replace(/^\/*/, '/') : rest
}

/** A request path in the form publicPath returns; undefined when it cannot be decoded. */
export function requestKey(pathname) {
  try {
    return pathname
      .split('/')
      .map((s) => decodeURIComponent(s).normalize('NFC').replace(/[/#?]/g, encodeURIComponent))
      .join('/')
  } catch {
    return undefined
  }
}

// Headers with which a request must reach Next: client-side navigation and
// prefetches ask the same URL for RSC data instead of HTML.
const NEXT_ONLY = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-action']

/**
 * @param {{ dist: string, defaultSegment: string, headers: {key: string, value: string}[], cacheControl: string, maxCacheBytes?: number }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean} true when it answered
 */
export function createStaticPages({ dist, defaultSegment, headers, cacheControl, maxCacheBytes = 256 * 2 ** 20 }) {
  const appDir = path.join(dist, 'server', 'app')
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'prerender-manifest.json'), 'utf8'))
  /** public path → { file, type } */
  const routes = new Map()
  for (const [key, route] of Object.entries(manifest.routes)) {
    // Revalidating pages and Next's own error pages stay with Next.
    if (route.initialRevalidateSeconds !== false || key.startsWith('/_')) continue
    const page = Boolean(route.dataRoute) // Route handlers (feeds, sitemaps) have no RSC data.
    const file = path.join(appDir, page ? `${key}.html` : `${key}.body`)
    routes.set(publicPath(key, defaultSegment, page), { file, meta: path.join(appDir, `${key}.meta`) })
  }
  const common = Object.fromEntries(headers.map((h) => [h.key, h.value]))
  const cache = new Map() // public path → entry; Map order is recency (LRU).
  let cachedBytes = 0

  function load(key, route) {
    let entry = cache.get(key)
    if (entry) {
      cache.delete(key)
      cache.set(key, entry)
      return entry
    }
    let meta = {}
    try {
      meta = JSON.parse(fs.readFileSync(route.meta, 'utf8'))
    } catch {}
    if (meta.status && meta.status !== 200) return null
    let body
    try {
      body = fs.readFileSync(route.file)
    } catch {
      return null
    }
    const type = meta.headers?.['content-type'] ?? 'text/html; charset=utf-8'
    // Weak: the same validator covers the plain, gzip and br bodies of one page.
    const etag = `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`
    entry = { body, type, etag, gzip: undefined, br: undefined, bytes: body.length }
    cache.set(key, entry)
    cachedBytes += entry.bytes
    for (const [oldKey, old] of cache) {
      if (cachedBytes <= maxCacheBytes) break
      cache.delete(oldKey)
      cachedBytes -= old.bytes
    }
    return entry
  }

  function encoded(entry, accept) {
    if (/\bbr\b/.test(accept)) {
      entry.br ??= zlib.brotliCompressSync(entry.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } })
      return ['br', entry.br]
    }
    if (/\bgzip\b/.test(accept)) {
      entry.gzip ??= zlib.gzipSync(entry.body, { level: 6 })
      return ['gzip', entry.gzip]
    }
    return [undefined, entry.body]
  }

  return function serveStatic(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    const url = req.url ?? '/'
    if (url.includes('?')) return false
    if (NEXT_ONLY.some((h) => req.headers[h] !== undefined)) return false
    if (req.headers.cookie?.includes('__prerender_bypass')) return false
    const key = requestKey(url)
    const route = key && routes.get(key)
    if (!route) return false
    const entry = load(key, route)
    if (!entry) return false

    const out = {
      ...common,
      'Content-Type': entry.type,
      'Cache-Control': cacheControl,
      ETag: entry.etag,
      Vary: 'RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Accept-Encoding',
    }
    const ifNoneMatch = String(req.headers['if-none-match'] ?? '')
    if (ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag || tag.trim() === entry.etag.slice(2))) {
      res.writeHead(304, out)
      res.end()
      return true
    }
    const [encoding, body] = encoded(entry, String(req.headers['accept-encoding'] ?? ''))
    if (encoding) out['Content-Encoding'] = encoding
    out['Content-Length'] = body.length
    res.writeHead(200, out)
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }
}
