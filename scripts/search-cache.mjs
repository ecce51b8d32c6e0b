// Search result pages, kept by `npm start` after Next renders them once. A search
// page depends only on its URL and the build (the index and the articles are built
// with the site and change only with a deploy), so the same URL gets the same page
// until the next build: like a prerendered page, it can be sent from memory and
// cached by a CDN. Rendering one takes Next ~20 ms of CPU; sending it, ~0.1 ms.
import streamingMetadata from 'next/dist/server/lib/streaming-metadata.js'
import { createLru, isPlainPageRequest, makeEntry, sendEntry, VARY } from './responses.mjs'

const chunkBuffer = (chunk, encoding) =>
  Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk)

/** Calls `done(body, type)` once Next has sent a complete 200 HTML page that is the same for every reader. */
function capture(res, done) {
  const chunks = []
  const write = res.write
  const end = res.end
  res.write = function (chunk, ...rest) {
    if (chunk != null) chunks.push(chunkBuffer(chunk, rest[0]))
    return write.call(this, chunk, ...rest)
  }
  res.end = function (chunk, ...rest) {
    if (chunk != null && typeof chunk !== 'function') chunks.push(chunkBuffer(chunk, rest[0]))
    return end.call(this, chunk, ...rest)
  }
  // 'finish' only once everything was handed over: a response destroyed midway (client gone, render failed) is not kept.
  res.once('finish', () => {
    const type = String(res.getHeader('content-type') ?? '')
    // A cookie or an encoding means this answer was made for one client.
    if (res.statusCode === 200 && type.startsWith('text/html') && !res.hasHeader('set-cookie') && !res.hasHeader('content-encoding')) {
      done(Buffer.concat(chunks), type)
    }
  })
}

/**
 * @param {{ searchPaths: string[], headers: {key: string, value: string}[], cacheControl: string, maxCacheBytes?: number }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: Function) => boolean}
 *   true when it handled the request (from memory, or through `next` while keeping the page)
 */
export function createSearchCache({ searchPaths, headers, cacheControl, maxCacheBytes = 64 * 2 ** 20 }) {
  const paths = new Set(searchPaths)
  const out = { ...Object.fromEntries(headers.map((h) => [h.key, h.value])), 'Cache-Control': cacheControl, Vary: VARY }
  const cache = createLru(maxCacheBytes)
  return function serveSearch(req, res, next) {
    const url = req.url ?? '/'
    if (!paths.has(url.split('?')[0]) || !isPlainPageRequest(req)) return false
    // Next puts metadata in the streamed body for browsers and in <head> for bots that read only HTML.
    const key = `${streamingMetadata.shouldServeStreamingMetadata(req.headers['user-agent'] ?? '') ? '' : 'bot '}${url}`
    const entry = cache.get(key)
    if (entry) {
      sendEntry(req, res, entry, cache)
      return true
    }
    if (req.method !== 'GET') return false
    // Next compresses for the client that asked; the page is kept plain and compressed per client later.
    delete req.headers['accept-encoding']
    capture(res, (body, type) => cache.set(key, makeEntry(body, type, out)))
    next(req, res)
    return true
  }
}
