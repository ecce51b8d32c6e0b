import http from 'node:http'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSearchCache } from '@/scripts/search-cache.mjs'
import { createLru, makeEntry } from '@/scripts/responses.mjs'
import { plainGet, rawGet, startServer } from './support/http'

describe('search pages kept by the start server', () => {
  let server: http.Server
  let base: string
  /** What the stand-in for Next rendered, one entry per render. */
  const renders: { url: string; acceptEncoding?: string }[] = []

  // Stands in for Next: answers like a search page, in several writes, or fails on demand.
  function next(req: http.IncomingMessage, res: http.ServerResponse) {
    renders.push({ url: req.url!, acceptEncoding: req.headers['accept-encoding'] as string | undefined })
    const q = new URL(req.url!, 'http://x').searchParams.get('q') ?? ''
    // As Next sends a page: headers set one by one, then the body in several writes.
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate')
    if (q === 'broken') res.statusCode = 500
    if (q === 'cookie') res.setHeader('Set-Cookie', 'who=you')
    if (q === 'encoded') res.setHeader('Content-Encoding', 'br')
    res.write('<!doctype html><title>Search</title>')
    res.write(Buffer.from(`<p>results for ${q}</p>`))
    if (q === 'cut') {
      res.destroy()
      return
    }
    res.end('<p>end</p>'.repeat(100))
  }

  beforeAll(async () => {
    const serve = createSearchCache({ searchPaths: ['/search/', '/zh-cn/search/'], headers: [{ key: 'X-Frame-Options', value: 'DENY' }], cacheControl: 'public, s-maxage=60' })
    ;({ server, base } = await startServer((req, res) => serve(req, res, next)))
  })
  afterAll(() => {
    server.close()
  })

  const get = (p: string, headers?: Record<string, string>) => plainGet(base)(p, headers)
  const rendersOf = (url: string) => renders.filter((r) => r.url === url).length

  it('renders a query once, then sends the same page from memory with the cache policy and an ETag', async () => {
    const first = await get('/search/?q=%E4%BA%BA%E5%B7%A5')
    expect(first.status).toBe(200)
    const page = await first.text()
    expect(page).toContain('results for 人工')
    const again = await get('/search/?q=%E4%BA%BA%E5%B7%A5')
    expect(await again.text()).toBe(page)
    expect(rendersOf('/search/?q=%E4%BA%BA%E5%B7%A5')).toBe(1)
    expect(again.headers.get('cache-control')).toBe('public, s-maxage=60')
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(again.headers.get('x-frame-options')).toBe('DENY')
    const etag = again.headers.get('etag')!
    expect(etag).toMatch(/^W\/"/)
    expect((await get('/search/?q=%E4%BA%BA%E5%B7%A5', { 'if-none-match': etag })).status).toBe(304)
  })

  it('keeps the page plain and compresses it for each client', async () => {
    await get('/zh-cn/search/?q=gzip')
    expect(renders.find((r) => r.url === '/zh-cn/search/?q=gzip')!.acceptEncoding).toBeUndefined()
    const { res, body } = await rawGet(`${base}/zh-cn/search/?q=gzip`, { 'accept-encoding': 'gzip' })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(body).toString()).toContain('results for gzip')
  })

  it('tells different queries apart', async () => {
    expect(await (await get('/search/?q=one')).text()).toContain('results for one')
    expect(await (await get('/search/?q=two')).text()).toContain('results for two')
    expect(await (await get('/search/?q=one&page=2')).text()).toContain('results for one')
    expect(rendersOf('/search/?q=one&page=2')).toBe(1)
  })

  it('renders again what it must not keep: errors, pages that set a cookie or come encoded, pages cut off', async () => {
    for (const url of ['/search/?q=broken', '/search/?q=cookie', '/search/?q=encoded', '/search/?q=cut']) {
      for (let i = 0; i < 2; i++) await rawGet(base + url, {}).catch(() => undefined)
      expect(rendersOf(url), url).toBe(2)
    }
  })

  it('keeps the page bots get apart from the one browsers get', async () => {
    const bot = { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' }
    await get('/search/?q=who')
    await get('/search/?q=who', bot)
    await get('/search/?q=who', bot)
    await get('/search/?q=who')
    expect(rendersOf('/search/?q=who')).toBe(2)
  })

  it('answers HEAD from memory once the page is kept', async () => {
    expect((await fetch(`${base}/search/?q=head`, { method: 'HEAD' })).status).toBe(299)
    await get('/search/?q=head')
    const head = await fetch(`${base}/search/?q=head`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('etag')).toMatch(/^W\//)
    expect(rendersOf('/search/?q=head')).toBe(1)
  })

  it('leaves other pages, RSC requests, previews and other methods to Next', async () => {
    await get('/search/?q=kept')
    const toNext = [
      get('/tags/search/?q=kept'),
      get('/search/?q=kept', { rsc: '1' }),
      get('/search/?q=kept', { cookie: '__prerender_bypass=abc' }),
      fetch(`${base}/search/?q=kept`, { method: 'POST' }),
    ]
    for (const res of await Promise.all(toNext)) expect(res.status, res.url).toBe(299)
  })
})

describe('the byte-bounded cache behind both', () => {
  const entry = (n: number) => makeEntry(Buffer.alloc(n, 'a'), 'text/html')

  it('drops the least recently used entries once bodies and compressed copies pass the limit', () => {
    const lru = createLru(1000)
    const [a, b, c] = [entry(100), entry(100), entry(100)]
    lru.set('a', a)
    lru.set('b', b)
    lru.set('c', c)
    lru.get('a') // recency, oldest first: b, c, a
    lru.grew(c, 650) // c gains a compressed copy: 950 bytes held, all kept
    lru.grew(a, 100) // 1,050: b, the least recently used, goes
    expect(lru.get('b')).toBeUndefined()
    expect(lru.get('a')).toBe(a)
    expect(lru.get('c')).toBe(c)
  })

  it('does not keep a body larger than an eighth of the limit', () => {
    const lru = createLru(800)
    lru.set('big', entry(101))
    lru.set('small', entry(100))
    expect(lru.get('big')).toBeUndefined()
    expect(lru.get('small')).toBeDefined()
  })
})
