// Responses that `npm start` keeps in memory and sends itself: a body compressed at
// most once per encoding, a weak ETag, and a byte-bounded LRU to hold them.
import crypto from 'node:crypto'
import zlib from 'node:zlib'

/**
 * @typedef {{ body: Buffer, type: string, etag: string, headers: Record<string, string>, gzip?: Buffer, br?: Buffer,
 *   bytes: number, heads: Record<string, unknown[]> }} Entry
 */

/** `headers`: what every response of this entry carries besides its type, validator, encoding and length. */
export function makeEntry(body, type, headers = {}) {
  // Weak: the same validator covers the plain, gzip and br bodies of one response.
  const etag = `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`
  return { body, type, etag, headers, gzip: undefined, br: undefined, bytes: body.length, heads: {} }
}

/**
 * Least recently used entries go first once the bytes held (bodies and their
 * compressed copies) pass `maxBytes`. A body larger than an eighth of it is not kept.
 */
export function createLru(maxBytes) {
  const map = new Map() // Map order is recency.
  const held = new WeakSet()
  let bytes = 0
  const evict = () => {
    for (const [key, entry] of map) {
      if (bytes <= maxBytes) break
      map.delete(key)
      bytes -= entry.bytes
      held.delete(entry)
    }
  }
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
      if (entry.bytes > maxBytes / 8) return
      const old = map.get(key)
      if (old) {
        map.delete(key)
        bytes -= old.bytes
        held.delete(old)
      }
      map.set(key, entry)
      held.add(entry)
      bytes += entry.bytes
      evict()
    },
    /** An entry held here gained a compressed copy. */
    grew(entry, delta) {
      entry.bytes += delta
      if (held.has(entry)) {
        bytes += delta
        evict()
      }
    },
  }
}

const COMPRESS = {
  br: (body) => zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }),
  gzip: (body) => zlib.gzipSync(body, { level: 6 }),
}

// Clients send a handful of distinct Accept-Encoding values; each is read once.
const encodings = new Map()
function bestEncoding(accept) {
  let encoding = encodings.get(accept)
  if (encoding === undefined) {
    encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : ''
    if (encodings.size < 256) encodings.set(accept, encoding)
  }
  return encoding
}

function encoded(entry, accept, lru) {
  const encoding = bestEncoding(accept)
  if (!encoding) return ['', entry.body]
  if (!entry[encoding]) {
    entry[encoding] = COMPRESS[encoding](entry.body)
    lru.grew(entry, entry[encoding].length)
  }
  return [encoding, entry[encoding]]
}

/**
 * The headers of one way of sending an entry (304, or 200 in one encoding), listed once
 * per entry: putting a dozen headers together for every request held two front workers
 * to ~46k article responses a second on 2 cores (wrk, loopback); ~63k without it.
 */
function head(entry, variant, extra) {
  return (entry.heads[variant] ??= Object.entries({ ...entry.headers, 'Content-Type': entry.type, ETag: entry.etag, ...extra }).flat())
}

/** 304 when the client has it, otherwise the body in the best encoding it accepts (kept in `lru`). */
export function sendEntry(req, res, entry, lru) {
  const ifNoneMatch = req.headers['if-none-match']
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag || tag.trim() === entry.etag.slice(2))) {
    res.writeHead(304, head(entry, '304'))
    res.end()
    return
  }
  const [encoding, body] = encoded(entry, req.headers['accept-encoding'] ?? '', lru)
  res.writeHead(200, head(entry, encoding || 'identity', { ...(encoding && { 'Content-Encoding': encoding }), 'Content-Length': body.length }))
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
