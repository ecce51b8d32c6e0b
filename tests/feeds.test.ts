import { describe, expect, it } from 'vitest'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { decodeHTML } from 'entities'
import { absolutizeHtml, atom, buildFeed, FEED_SIZE, feedAlternateTypes, feedLinks, json, rss } from '@/lib/feeds'
import { siteConfig, type Locale } from '@/site.config'
import { paths } from '@/lib/urls'
import type { FeedArticle } from '@/lib/feeds'

const BASE = siteConfig.siteUrl
const HOSTILE = [
  '</script><script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '&amp;',
  'A & B <C> "D" \'E\' 🚀',
  'x]]>y]]>z',
]

function article(i: number, fields: Partial<FeedArticle> = {}): FeedArticle {
  const locale: Locale = fields.locale ?? 'en'
  const source = fields.source ?? 'reuters'
  const slug = fields.slug ?? `a${i}`
  // One article per hour, newest (i = 0) on 2025-02-07 23:04:54 in Shanghai.
  const published = new Date(Date.parse('2025-02-07T23:04:54+08:00') - i * 3_600_000)
  return {
    key: `${locale}/${source}/${slug}`, locale, source, slug,
    path: paths.article(locale, source, slug),
    title: `Title ${i}`, summary: `Summary ${i}`, excerpt: '', lead: '',
    published, modified: published, status: 'published',
    categories: [{ name: 'Markets', slug: 'markets' }], tags: [{ name: 'AI', slug: 'ai' }],
    readingMinutes: 1, translations: [], menus: [], file: `${locale}/news/${source}/${slug}.md`,
    html: `<p>Body ${i} <a href="#h">jump</a></p><h2 id="h">Head</h2>`,
    headings: [], sidebar: 'none', widgets: [], pager: true, authorbox: false, comments: false, toc: false, mathjax: false,
    ...fields,
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (_name: string, jpath: unknown) =>
  ['rss.channel.item', 'rss.channel.item.category', 'feed.link', 'feed.entry', 'feed.entry.link'].includes(String(jpath)),
})

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true)
  return parser.parse(xml)
}

/** Markup outside CDATA sections, where a reader would take it for elements. */
const outsideCdata = (xml: string) => xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')

const many = Array.from({ length: 70 }, (_, i) => article(i))
const home = buildFeed({ locale: 'zh-CN', title: 'Bulwark 新闻', path: paths.home('zh-CN'), articles: many.map((a) => ({ ...a, locale: 'zh-CN' as const })) })

describe('RSS', () => {
  const channel = parse(rss(home)).rss.channel

  it('keeps the newest 50 items, newest first, with absolute links', () => {
    expect(channel.item).toHaveLength(FEED_SIZE)
    expect(channel.item[0].title).toBe('Title 0')
    expect(channel.item[49].title).toBe('Title 49')
    expect(channel.link).toBe(`${BASE}/zh-cn/`)
    for (const item of channel.item) expect(item.link).toMatch(new RegExp(`^${BASE}/news/reuters/a\\d+/$`))
    expect(channel['atom:link']['@href']).toBe(`${BASE}/zh-cn/index.xml`)
  })

  it('has the locale as language and pubDate at the published instant', () => {
    expect(channel.language).toBe('zh-CN')
    expect(Date.parse(channel.item[0].pubDate)).toBe(Date.parse('2025-02-07T23:04:54+08:00'))
    expect(Date.parse(channel.lastBuildDate)).toBe(Date.parse('2025-02-07T23:04:54+08:00'))
  })

  it('carries the full content with absolute links and the thumbnail as enclosure', () => {
    const feed = buildFeed({
      locale: 'en', title: 'T', path: '/', articles: [
        article(0, { thumbnail: { src: 'https://img.example.com/x/1585186799831', inList: true, inPost: true } }),
        article(1, { thumbnail: { src: 'https://img.example.com/a.png?w=1&h=2', inList: true, inPost: true } }),
      ],
    })
    const [first, second] = parse(rss(feed)).rss.channel.item
    expect(first['content:encoded']).toContain(`<a href="${BASE}/news/reuters/a0/#h">jump</a>`)
    expect(first.enclosure['@url']).toBe('https://img.example.com/x/1585186799831')
    expect(first.enclosure['@type']).toBe('image/jpeg')
    expect(second.enclosure['@url']).toBe('https://img.example.com/a.png?w=1&h=2')
    expect(second.enclosure['@type']).toBe('image/png')
  })

  it('escapes hostile titles, summaries, terms and bodies, which round-trip', () => {
    const articles = HOSTILE.map((title, i) => article(i, {
      title, summary: title,
      tags: [{ name: title, slug: `t${i}` }],
      html: `<p>${title.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;')}</p>`,
    }))
    const xml = rss(buildFeed({ locale: 'en', title: `Tag: ${HOSTILE[0]} ${HOSTILE[2]}`, path: '/tags/x/', articles }))
    expect(outsideCdata(xml)).not.toMatch(/<(script|img)/)
    const channel = parse(xml).rss.channel
    expect(channel.title).toBe(`Tag: ${HOSTILE[0]} ${HOSTILE[2]}`)
    const byTitle = new Map(channel.item.map((it: { title: string }) => [it.title, it]))
    for (const title of HOSTILE) {
      const item = byTitle.get(title) as Record<string, unknown>
      expect(item, title).toBeDefined()
      // RSS description is HTML: the plain summary is escaped once, inside CDATA.
      expect(decodeHTML(item.description as string)).toBe(title)
      expect(decodeHTML((item['content:encoded'] as string).replace(/<\/?p>/g, ''))).toBe(title)
      expect((item.category as string[])).toContain(title)
    }
  })
})

describe('Atom', () => {
  const feed = parse(atom(home)).feed

  it('has language, absolute links and the published instant', () => {
    expect(feed['@xml:lang']).toBe('zh-CN')
    expect(feed.entry).toHaveLength(FEED_SIZE)
    expect(feed.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe(`${BASE}/zh-cn/atom.xml`)
    expect(feed.entry[0].link[0]['@href']).toBe(`${BASE}/news/reuters/a0/`)
    expect(Date.parse(feed.entry[0].published)).toBe(Date.parse('2025-02-07T23:04:54+08:00'))
  })

  it('writes titles as escaped HTML (type="html") that decode to the original', () => {
    const articles = HOSTILE.map((title, i) => article(i, {
      title, summary: title, tags: [{ name: title, slug: `t${i}` }],
      thumbnail: { src: `https://img.example.com/${i}`, inList: true, inPost: true },
    }))
    const xml = atom(buildFeed({ locale: 'en', title: `Tag: ${HOSTILE[1]} ${HOSTILE[2]}`, path: '/tags/x/', articles }))
    expect(xml).not.toMatch(/<(script|img)/)
    const parsed = parse(xml).feed
    expect(parsed.title).toBe(`Tag: ${HOSTILE[1]} ${HOSTILE[2]}`)
    const titles = parsed.entry.map((e: { title: { '#text': string } }) => decodeHTML(e.title['#text']))
    expect(titles).toEqual(HOSTILE)
    // Extensionless thumbnails are left out of Atom, whose enclosure type `feed` derives from the extension.
    for (const e of parsed.entry) expect(e.link).toHaveLength(1)
  })
})

describe('JSON Feed', () => {
  it('is JSON Feed 1.1 with language, 50 items and the original titles', () => {
    const articles = HOSTILE.map((title, i) => article(i, { title, thumbnail: { src: 'https://img.example.com/a.jpg', inList: true, inPost: true } }))
    const doc = JSON.parse(json(buildFeed({ locale: 'zh-HK', title: 'T', path: paths.home('zh-HK'), articles: [...articles, ...many.slice(10)] })))
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1')
    expect(doc.language).toBe('zh-HK')
    expect(doc.feed_url).toBe(`${BASE}/zh-hk/feed.json`)
    expect(doc.items).toHaveLength(FEED_SIZE)
    expect(doc.items.slice(0, HOSTILE.length).map((i: { title: string }) => i.title)).toEqual(HOSTILE)
    expect(doc.items[0].image).toBe('https://img.example.com/a.jpg')
    expect(Date.parse(doc.items[0].date_published)).toBe(Date.parse('2025-02-07T23:04:54+08:00'))
    expect(doc.items[0].content_html).toContain(`${BASE}/news/reuters/a0/#h`)
  })
})

describe('absolutizeHtml', () => {
  it('resolves relative URLs in tags only, against the article', () => {
    const html = '<p>href="/text" <a href="/news/x/?a=1&#x26;b=2">a</a> <img src="pic.png" alt="x"> <a href="https://e.com/">e</a> <a href="mailto:a@b.c">m</a></p>'
    expect(absolutizeHtml(html, 'https://site.test/news/s/a/')).toBe(
      '<p>href="/text" <a href="https://site.test/news/x/?a=1&amp;b=2">a</a> <img src="https://site.test/news/s/a/pic.png" alt="x"> <a href="https://e.com/">e</a> <a href="mailto:a@b.c">m</a></p>',
    )
  })
})

describe('feedLinks', () => {
  it('offers RSS, Atom and JSON on home pages and RSS on lists', () => {
    expect(feedLinks('zh-CN', '/zh-cn/').map((l) => [l.type, l.href])).toEqual([
      ['application/rss+xml', `${BASE}/zh-cn/index.xml`],
      ['application/atom+xml', `${BASE}/zh-cn/atom.xml`],
      ['application/feed+json', `${BASE}/zh-cn/feed.json`],
    ])
    expect(feedLinks('en', paths.term('en', 'tags', '人工智能')).map((l) => l.href)).toEqual([`${BASE}/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/index.xml`])
    expect(feedLinks('en', paths.source('en', 'reuters', 3)).map((l) => l.href)).toEqual([`${BASE}/news/reuters/index.xml`])
    expect(feedLinks('en', paths.home('en', 2))).toHaveLength(3)
    expect(feedLinks('en', paths.section('en'))).toEqual([])
    expect(feedAlternateTypes(feedLinks('en', '/'))['application/rss+xml']).toEqual([{ url: `${BASE}/index.xml`, title: 'RSS' }])
  })
})
