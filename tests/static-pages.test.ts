import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultLocaleSegment, localeSegments } from '@/next.config.mjs'
import { createStaticPages, publicPath, requestKey } from '@/scripts/static-pages.mjs'
import { localeToSegment } from '@/lib/i18n'
import { pageKey } from '@/lib/known-pages'
import { paths } from '@/lib/urls'
import { siteConfig } from '@/site.config'
import { plainGet, rawGet, startServer } from './support/http'

describe('the start server maps build files to the URLs lib/urls builds', () => {
  it('agrees with site.config on the locale segments', () => {
    expect(defaultLocaleSegment).toBe(localeToSegment(siteConfig.defaultLocale))
    expect(localeSegments.map((s) => `/${s}`)).toEqual(
      siteConfig.locales.filter((l) => l !== siteConfig.defaultLocale).map((l) => siteConfig.localePrefixes[l]),
    )
  })

  it('turns every kind of page key back into its public URL', () => {
    const urls = siteConfig.locales.flatMap((locale) => [
      paths.home(locale),
      paths.home(locale, 3),
      paths.article(locale, 'qq', '20250207A09BIW'),
      paths.article(locale, 'reuters', 'world.2025-02-07,dot'),
      paths.term(locale, 'tags', '人工智能'),
      paths.term(locale, 'tags', 'ac/dc', 2),
      paths.source(locale, 'thehill'),
    ])
    for (const url of urls) {
      const key = pageKey(url)!
      expect(publicPath(key, defaultLocaleSegment, true), url).toBe(requestKey(url))
    }
    expect(publicPath('/en/index.xml', 'en', false)).toBe('/index.xml')
    expect(publicPath('/zh-cn/tags/人工智能/index.xml', 'en', false)).toBe('/zh-cn/tags/人工智能/index.xml')
    expect(requestKey('/zh-cn/tags/%e4%ba%ba%e5%b7%a5%e6%99%ba%e8%83%bd/')).toBe('/zh-cn/tags/人工智能/')
    expect(requestKey('/tags/%E4%ZZ/')).toBeUndefined()
  })
})

describe('serving prerendered files', () => {
  let dir: string
  let server: http.Server
  let base: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-static-'))
    const app = path.join(dir, 'server', 'app')
    fs.mkdirSync(path.join(app, 'en', 'news', 'qq'), { recursive: true })
    fs.mkdirSync(path.join(app, 'zh-cn', 'tags'), { recursive: true })
    const html = `<!doctype html><title>Kanbao</title>${'<p>news</p>'.repeat(200)}`
    fs.writeFileSync(path.join(app, 'en.html'), html)
    fs.writeFileSync(path.join(app, 'en', 'news', 'qq', 'a1.html'), html.replace('Kanbao', 'Article'))
    fs.writeFileSync(path.join(app, 'en', 'news', 'qq', "it's-(1).html"), html.replace('Kanbao', 'Quoted'))
    fs.writeFileSync(path.join(app, 'zh-cn', 'tags', '人工智能.html'), html.replace('Kanbao', '人工智能'))
    fs.writeFileSync(path.join(app, 'en', 'gone.html'), 'gone')
    fs.writeFileSync(path.join(app, 'en', 'gone.meta'), JSON.stringify({ status: 404 }))
    fs.writeFileSync(path.join(app, 'en', 'index.xml.body'), '<rss/>')
    fs.writeFileSync(path.join(app, 'en', 'index.xml.meta'), JSON.stringify({ status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } }))
    const page = { initialRevalidateSeconds: false, dataRoute: 'x.rsc' }
    const routes = {
      '/en': page,
      '/en/news/qq/a1': page,
      "/en/news/qq/it's-(1)": page,
      '/zh-cn/tags/人工智能': page,
      '/en/gone': page,
      '/en/index.xml': { initialRevalidateSeconds: false, dataRoute: null },
      '/_not-found': page,
    }
    fs.writeFileSync(path.join(dir, 'prerender-manifest.json'), JSON.stringify({ routes }))
    const serve = createStaticPages({ dist: dir, defaultSegment: 'en', headers: [{ key: 'X-Frame-Options', value: 'DENY' }], cacheControl: 'public, s-maxage=60' })
    ;({ server, base } = await startServer(serve))
  })
  afterAll(() => {
    server.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const get = (p: string, headers?: Record<string, string>) => plainGet(base)(p, headers)

  it('sends pages with the cache policy, an ETag and the site headers, and 304 when unchanged', async () => {
    const res = await get('/news/qq/a1/')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<title>Article</title>')
    expect(res.headers.get('cache-control')).toBe('public, s-maxage=60')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const etag = res.headers.get('etag')!
    expect(etag).toMatch(/^W\/"/)
    const again = await get('/news/qq/a1/', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect((await get('/', { 'if-none-match': etag })).status).toBe(200)
  })

  it('compresses for clients that accept it', async () => {
    const { res, body } = await rawGet(`${base}/`, { 'accept-encoding': 'gzip' })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(body).toString()).toContain('<title>Kanbao</title>')
  })

  it('sends each client its own encoding with the right length, whatever the clients before it asked', async () => {
    const decode = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync, '': (b: Buffer) => b }
    for (const accept of ['gzip, deflate, br', 'identity', 'gzip', 'br', '', 'gzip, deflate, br']) {
      const { res, body } = await rawGet(`${base}/news/qq/a1/`, { 'accept-encoding': accept })
      const encoding = accept.includes('br') ? 'br' : accept.includes('gzip') ? 'gzip' : ''
      expect(res.headers['content-encoding'] ?? '', accept).toBe(encoding)
      expect(Number(res.headers['content-length']), accept).toBe(body.length)
      expect(decode[encoding](body).toString(), accept).toContain('<title>Article</title>')
      expect(res.headers['cache-control']).toBe('public, s-maxage=60')
    }
  })

  it('finds URLs with quotes and brackets, encoded or not', async () => {
    expect(await (await get("/news/qq/it's-(1)/")).text()).toContain('<title>Quoted</title>')
    expect(await (await get('/news/qq/it%27s-%281%29/')).text()).toContain('<title>Quoted</title>')
  })

  it('finds Chinese URLs however they are percent-encoded, and feeds with their own type', async () => {
    expect(await (await get('/zh-cn/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/')).text()).toContain('人工智能')
    expect(await (await get('/zh-cn/tags/%e4%ba%ba%e5%b7%a5%e6%99%ba%e8%83%bd/')).text()).toContain('人工智能')
    const feed = await get('/index.xml')
    expect(feed.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
  })

  it('leaves everything else to Next: other spellings, queries, RSC requests, previews, errors, other methods', async () => {
    const toNext = [
      get('/news/qq/a1'),
      get('/en/news/qq/a1/'),
      get('/news/qq/a1/?utm_source=x'),
      get('/news/qq/a1/', { rsc: '1' }),
      get('/news/qq/a1/', { cookie: '__prerender_bypass=abc' }),
      get('/gone/'),
      get('/_not-found/'),
      get('/no-such-page/'),
      fetch(`${base}/news/qq/a1/`, { method: 'POST' }),
    ]
    for (const res of await Promise.all(toNext)) expect(res.status, res.url).toBe(299)
  })
})
