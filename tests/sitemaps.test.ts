import { describe, expect, it } from 'vitest'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import {
  linkAlternates, NEWS_LIMIT, newsEntries, newsSitemapXml, SITEMAP_LIMIT, sitemapFileXml, sitemapIndexXml, sitemapPages,
  sitemapsOf, siteRobotsTxt, splitNews, splitSitemaps, type SitemapArticle, type SitemapUrl,
} from '@/lib/sitemaps'
import { siteConfig, type Locale } from '@/site.config'
import { paths } from '@/lib/urls'

const BASE = siteConfig.siteUrl
const NEWEST = Date.parse('2025-02-07T23:04:54+08:00')
const HOUR = 3_600_000

function article(locale: Locale, source: string, slug: string, hoursAgo: number, fields: Partial<SitemapArticle> & { translations?: Locale[] } = {}) {
  const published = new Date(NEWEST - hoursAgo * HOUR)
  return {
    locale, source, slug, path: paths.article(locale, source, slug), title: `${slug} title`,
    published, modified: new Date(published.getTime() + HOUR),
    tags: [{ name: 'AI', slug: 'ai' }], categories: [{ name: 'Markets', slug: 'markets' }],
    translations: [] as Locale[],
    ...fields,
  }
}
type Fixture = ReturnType<typeof article>

/** Like lib/content's getTranslations: the declared translations that exist. */
function translationsIn(all: Fixture[]) {
  return (a: Fixture) => a.translations
    .map((l) => all.find((b) => b.locale === l && b.source === a.source && b.slug === a.slug))
    .filter((b): b is Fixture => b !== undefined)
    .map((b) => ({ locale: b.locale, path: b.path }))
}

const fixtures: Fixture[] = [
  // A translated three ways, but only en declares it: links must still come out symmetric.
  article('en', 'reuters', 'a', 0, { translations: ['zh-CN', 'zh-HK'] }),
  article('zh-CN', 'reuters', 'a', 1),
  article('zh-HK', 'reuters', 'a', 1),
  // B exists in Chinese only: x-default falls back to each page itself.
  article('zh-CN', 'wallstreetcn', 'b', 47, { translations: ['zh-HK'], title: 'B & <b> "quoted" </script>', tags: [{ name: '人工智能', slug: '人工智能' }] }),
  article('zh-HK', 'wallstreetcn', 'b', 49, { translations: ['zh-CN'] }),
  // An untranslated article with characters that need escaping in its URL.
  article('en', 's&p', 'c\'d', 72, { tags: [{ name: 'S&P 500', slug: 's&p-500' }] }),
]
const byLocale = (list: Fixture[]) => Object.fromEntries(siteConfig.locales.map((l) => [l, list.filter((a) => a.locale === l)]))
const sitemaps = sitemapsOf(byLocale(fixtures), translationsIn(fixtures))

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false,
  isArray: (_name: string, jpath: unknown) => ['urlset.url', 'urlset.url.xhtml:link', 'sitemapindex.sitemap'].includes(String(jpath)),
})
function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true)
  return parser.parse(xml)
}

interface ParsedUrl { loc: string; lastmod?: string; 'xhtml:link'?: { '@hreflang': string; '@href': string; '@rel': string }[] }
const urlsOf = (name: string): ParsedUrl[] => parse(sitemapFileXml(sitemaps, name)!).urlset.url

describe('sitemap index', () => {
  it('lists one sitemap per locale and the news sitemap', () => {
    const index = parse(sitemapIndexXml(sitemaps.listed)).sitemapindex.sitemap
    expect(index.map((s: { loc: string }) => s.loc)).toEqual([
      `${BASE}/sitemaps/en-1.xml`, `${BASE}/sitemaps/zh-cn-1.xml`, `${BASE}/sitemaps/zh-hk-1.xml`, `${BASE}/sitemaps/news.xml`,
    ])
    for (const s of index) expect(s.lastmod).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
  })

  it('splits a locale past 50,000 URLs', () => {
    const many = Array.from({ length: SITEMAP_LIMIT }, (_, i) => article('en', 'bulk', `n${i}`, i / 1000))
    const big = sitemapsOf(byLocale(many), () => [])
    const en = big.files.filter((f) => f.name.startsWith('en-'))
    expect(en.map((f) => f.name)).toEqual(['en-1.xml', 'en-2.xml'])
    expect(en[0].urls).toHaveLength(SITEMAP_LIMIT)
    // 50,000 articles plus home, section, two taxonomy indexes, one source, one tag and one category.
    expect(en[1].urls).toHaveLength(7)
    expect(big.listed.map((f) => f.path)).toContain('/sitemaps/en-2.xml')
    expect(splitSitemaps(en[0].urls, 20_000).map((f) => [f.name, f.urls.length])).toEqual([['en-1.xml', 20_000], ['en-2.xml', 20_000], ['en-3.xml', 10_000]])
  })
})

describe('locale sitemaps', () => {
  const all = ['en-1.xml', 'zh-cn-1.xml', 'zh-hk-1.xml'].flatMap(urlsOf)

  it('lists articles, home, section, sources, terms and taxonomy indexes, but no /page/N/', () => {
    const locs = urlsOf('en-1.xml').map((u) => u.loc)
    expect(locs).toEqual(expect.arrayContaining([
      `${BASE}/`, `${BASE}/news/`, `${BASE}/tags/`, `${BASE}/categories/`, `${BASE}/news/reuters/`,
      `${BASE}/tags/ai/`, `${BASE}/categories/markets/`, `${BASE}/news/reuters/a/`,
      `${BASE}/news/s&p/c'd/`, `${BASE}/tags/s&p-500/`,
    ]))
    expect(urlsOf('zh-cn-1.xml').map((u) => u.loc)).toContain(`${BASE}/zh-cn/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/`)
    expect(all.some((u) => u.loc.includes('/page/') || u.loc.includes('/search/'))).toBe(false)
    expect(new Set(all.map((u) => u.loc)).size).toBe(all.length)
  })

  it('escapes URLs', () => {
    const xml = sitemapFileXml(sitemaps, 'en-1.xml')!
    expect(xml).toContain('<loc>http://localhost:3000/news/s&amp;p/c&apos;d/</loc>'.replace('http://localhost:3000', BASE))
  })

  it('gives every URL a lastmod: the modified date with the site offset', () => {
    const a = urlsOf('en-1.xml').find((u) => u.loc === `${BASE}/news/reuters/a/`)!
    expect(a.lastmod).toBe('2025-02-08T00:04:54+08:00')
    // Lists take their newest article's date.
    expect(urlsOf('en-1.xml').find((u) => u.loc === `${BASE}/`)!.lastmod).toBe('2025-02-08T00:04:54+08:00')
    for (const u of all) expect(u.lastmod).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
  })

  it('links translations both ways, with x-default', () => {
    const byLoc = new Map(all.map((u) => [u.loc, u]))
    for (const u of all) {
      const links = u['xhtml:link'] ?? []
      const langs = links.filter((l) => l['@hreflang'] !== 'x-default')
      expect(links.filter((l) => l['@hreflang'] === 'x-default'), u.loc).toHaveLength(1)
      expect(langs.map((l) => l['@href']), u.loc).toContain(u.loc)
      for (const l of langs) {
        expect(l['@rel']).toBe('alternate')
        const other = byLoc.get(l['@href'])
        expect(other, `${u.loc} → ${l['@href']}`).toBeDefined()
        expect((other!['xhtml:link'] ?? []).map((x) => x['@href']), `${l['@href']} → ${u.loc}`).toContain(u.loc)
      }
    }
    const hreflangs = (loc: string) => Object.fromEntries((byLoc.get(loc)!['xhtml:link'] ?? []).map((l) => [l['@hreflang'], l['@href']]))
    expect(hreflangs(`${BASE}/zh-hk/news/reuters/a/`)).toEqual({
      en: `${BASE}/news/reuters/a/`, 'zh-CN': `${BASE}/zh-cn/news/reuters/a/`, 'zh-HK': `${BASE}/zh-hk/news/reuters/a/`,
      'x-default': `${BASE}/news/reuters/a/`,
    })
    expect(hreflangs(`${BASE}/zh-cn/news/wallstreetcn/b/`)['x-default']).toBe(`${BASE}/zh-cn/news/wallstreetcn/b/`)
    expect(hreflangs(`${BASE}/zh-hk/news/wallstreetcn/b/`)['x-default']).toBe(`${BASE}/zh-hk/news/wallstreetcn/b/`)
    expect(Object.keys(hreflangs(`${BASE}/zh-cn/`))).toEqual(['en', 'zh-CN', 'zh-HK', 'x-default'])
    expect(hreflangs(`${BASE}/news/s&p/c'd/`)).toEqual({ en: `${BASE}/news/s&p/c'd/`, 'x-default': `${BASE}/news/s&p/c'd/` })
  })

  it('ignores translation links to pages that do not exist', () => {
    const urls: SitemapUrl[] = linkAlternates([{ locale: 'en', path: '/news/x/y/', translations: ['/zh-cn/news/x/y/'] }])
    expect(urls[0].alternates).toEqual([{ hreflang: 'en', path: '/news/x/y/' }, { hreflang: 'x-default', path: '/news/x/y/' }])
  })

  it('counts a list as translated only where it exists', () => {
    const pages = sitemapPages(byLocale(fixtures), translationsIn(fixtures))
    expect(pages.find((p) => p.path === '/news/reuters/')!.translations).toEqual(['/zh-cn/news/reuters/', '/zh-hk/news/reuters/'])
    expect(pages.find((p) => p.path === '/news/s&p/')!.translations).toEqual([])
  })
})

describe('news sitemap', () => {
  it('has the articles of the 48 hours before the newest one, all locales', () => {
    const urls = parse(sitemapFileXml(sitemaps, 'news.xml')!).urlset.url as Record<string, any>[]
    expect(urls.map((u) => u.loc)).toEqual([
      `${BASE}/news/reuters/a/`, `${BASE}/zh-cn/news/reuters/a/`, `${BASE}/zh-hk/news/reuters/a/`, `${BASE}/zh-cn/news/wallstreetcn/b/`,
    ])
    const b = urls[3]['news:news']
    expect(b['news:publication']).toEqual({ 'news:name': siteConfig.title, 'news:language': 'zh-cn' })
    expect(b['news:title']).toBe('B & <b> "quoted" </script>')
    expect(b['news:publication_date']).toBe('2025-02-06T00:04:54+08:00')
    expect(urls[2]['news:news']['news:publication']['news:language']).toBe('zh-tw')
    expect(urls[0]['news:news']['news:publication']['news:language']).toBe('en')
  })

  it('measures the window from the newest article, not the clock', () => {
    const old = [article('en', 's', 'x', 10_000), article('en', 's', 'y', 10_047), article('en', 's', 'z', 10_049)]
    expect(newsEntries(old).map((e) => e.path)).toEqual(['/news/s/x/', '/news/s/y/'])
    expect(newsEntries([])).toEqual([])
    expect(XMLValidator.validate(newsSitemapXml([]))).toBe(true)
  })

  it('continues past 1,000 articles in news-2.xml…, all listed in the index', () => {
    const burst = Array.from({ length: 2 * NEWS_LIMIT + 1 }, (_, i) => article('en', 'wire', `w${i}`, i / 100))
    const big = sitemapsOf(byLocale(burst), () => [])
    expect(big.news.map((f) => [f.name, f.entries.length])).toEqual([['news.xml', 1000], ['news-2.xml', 1000], ['news-3.xml', 1]])
    expect(big.listed.map((f) => f.name)).toEqual(expect.arrayContaining(['news.xml', 'news-2.xml', 'news-3.xml']))
    expect(parse(sitemapFileXml(big, 'news-3.xml')!).urlset.url).toHaveLength(1)
    expect(splitNews([]).map((f) => f.name)).toEqual(['news.xml'])
  })
})

describe('robots.txt', () => {
  const robots = siteRobotsTxt(sitemaps)
  const lines = robots.split('\n')

  it('allows crawling but not the search pages', () => {
    expect(lines).toContain('User-agent: *')
    expect(lines).toContain('Allow: /')
    for (const path of ['/search/', '/zh-cn/search/', '/zh-hk/search/']) expect(lines).toContain(`Disallow: ${path}`)
    expect(lines.filter((l) => l.startsWith('Disallow:'))).toHaveLength(3)
  })

  it('lists every sitemap', () => {
    const listed = lines.filter((l) => l.startsWith('Sitemap: ')).map((l) => l.slice('Sitemap: '.length))
    expect(listed).toEqual([
      `${BASE}/sitemap.xml`,
      ...['en-1', 'zh-cn-1', 'zh-hk-1', 'news'].map((n) => `${BASE}/sitemaps/${n}.xml`),
    ])
  })
})
