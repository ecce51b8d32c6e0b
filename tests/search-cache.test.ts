import http from 'node:http'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSearchCache } from '@/scripts/search-cache.mjs'
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
    if (q === 'broken') {
      res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end('<p>error</p>')
      return
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate')
    if (q === 'cookie') res.setHeader('Set-Cookie', 'who=you')
    res.write('<!doctype html><title>Search</title>')
    res.write(Buffer.from(`<p>results for ${q}</p>`))
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

  it('renders again what it must not keep: errors and pages that set a cookie', async () => {
    for (const url of ['/search/?q=broken', '/search/?q=cookie']) {
      await get(url)
      await get(url)
      expect(rendersOf(url), url).toBe(2)
    }
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
