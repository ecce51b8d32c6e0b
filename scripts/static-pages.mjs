// The fast path of `npm start`: prerendered pages and feeds are files, so they are
// sent straight from the build output (compressed once, cached in memory, with an
// ETag) instead of through Next's handler and proxy, which cost ~10x the CPU per
// request. Anything that is not exactly a prerendered URL — other spellings that
// redirect, unknown URLs, search, client navigation (RSC), Draft Mode — goes to Next.
import fs from 'node:fs'
import { prerenderedRoutes } from './prerendered.mjs'
import { createLru, isPlainPageRequest, makeEntry, sendEntry, VARY } from './responses.mjs'

/**
 * Manifest key → public path, as lib/urls builds them: the default locale is served
 * from the root, pages end in "/", files (feeds, robots.txt) do not.
 * Keys are Next's: each segment decoded, except "/", "#" and "?" (lib/known-pages.ts).
 */
export function publicPath(key, defaultSegment, page) {
  const rest = key === `/${defaultSegment}` ? '' : key.startsWith(`/${defaultSegment}/`) ? key.slice(defaultSegment.length + 1) : key
  return page ? `${rest}/`.replace(/^\/*/, '/') : rest
}

// Characters a path may hold that decoding and NFC leave as they are (no %, no #, no ?, ASCII).
const PLAIN_PATH = /^[\w\-.~!$&'()*+,;=:@/]*$/

/** A request path in the form publicPath returns; undefined when it cannot be decoded. */
export function requestKey(pathname) {
  if (PLAIN_PATH.test(pathname)) return pathname
  try {
    return pathname
      .split('/')
      .map((s) => decodeURIComponent(s).normalize('NFC').replace(/[/#?]/g, encodeURIComponent))
      .join('/')
  } catch {
    return undefined
  }
}

/**
 * @param {{ dist: string, defaultSegment: string, headers: {key: string, value: string}[], cacheControl: string, maxCacheBytes?: number }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean} true when it answered
 */
export function createStaticPages({ dist, defaultSegment, headers, cacheControl, maxCacheBytes = 256 * 2 ** 20 }) {
  /** public path → { file, meta } */
  const routes = new Map()
  for (const { key, page, file, meta } of prerenderedRoutes(dist)) routes.set(publicPath(key, defaultSegment, page), { file, meta })
  const common = Object.fromEntries(headers.map((h) => [h.key, h.value]))
  const out = { ...common, 'Cache-Control': cacheControl, Vary: VARY }
  const cache = createLru(maxCacheBytes)

  function load(key, route) {
    let entry = cache.get(key)
    if (entry) return entry
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
    entry = makeEntry(body, meta.headers?.['content-type'] ?? 'text/html; charset=utf-8', out)
    cache.set(key, entry)
    return entry
  }

  return function serveStatic(req, res) {
    if (!isPlainPageRequest(req)) return false
    const url = req.url ?? '/'
    if (url.includes('?')) return false
    const key = requestKey(url)
    const route = key && routes.get(key)
    if (!route) return false
    const entry = load(key, route)
    if (!entry) return false
    sendEntry(req, res, entry, cache)
    return true
  }
}
