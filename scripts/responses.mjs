// Responses that `npm start` keeps in memory and sends itself: a body compressed at
// most once per encoding, a weak ETag, and a byte-bounded LRU to hold them.
import crypto from 'node:crypto'
import zlib from 'node:zlib'

/** @typedef {{ body: Buffer, type: string, etag: string, gzip?: Buffer, br?: Buffer, bytes: number }} Entry */

/** @returns {Entry} */
export function makeEntry(body, type) {
  // Weak: the same validator covers the plain, gzip and br bodies of one response.
  const etag = `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`
  return { body, type, etag, gzip: undefined, br: undefined, bytes: body.length }
}

/** Least recently used entries go first once the bodies held pass `maxBytes`. */
export function createLru(maxBytes) {
  const map = new Map() // Map order is recency.
  let bytes = 0
  return {
    get(key) {
      const entry = map.get(key)
      if (entry) {
        map.delete(key)
        map.set(key, entry)
      }
      return entry
    },
    set(key, entry) {
      const old = map.get(key)
      if (old) {
        map.delete(key)
        bytes -= old.bytes
      }
      map.set(key, entry)
      bytes += entry.bytes
      for (const [oldKey, oldEntry] of map) {
        if (bytes <= maxBytes) break
        map.delete(oldKey)
        bytes -= oldEntry.bytes
      }
    },
  }
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

/** 304 when the client has it, otherwise the body in the best encoding it accepts. */
export function sendEntry(req, res, entry, headers) {
  const out = { ...headers, 'Content-Type': entry.type, ETag: entry.etag }
  const ifNoneMatch = String(req.headers['if-none-match'] ?? '')
  if (ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag || tag.trim() === entry.etag.slice(2))) {
    res.writeHead(304, out)
    res.end()
    return
  }
  const [encoding, body] = encoded(entry, String(req.headers['accept-encoding'] ?? ''))
  if (encoding) out['Content-Encoding'] = encoding
  out['Content-Length'] = body.length
  res.writeHead(200, out)
  res.end(req.method === 'HEAD' ? undefined : body)
}

// Headers with which a request must reach Next: client-side navigation and
// prefetches ask the same URL for RSC data instead of HTML.
const NEXT_ONLY = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-action']

/** A plain GET/HEAD for a page's HTML, outside Draft Mode: the kind of request the same answer fits. */
export function isPlainPageRequest(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  if (NEXT_ONLY.some((h) => req.headers[h] !== undefined)) return false
  return !req.headers.cookie?.includes('__prerender_bypass')
}

export const VARY = 'RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Accept-Encoding'
