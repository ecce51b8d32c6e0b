import { describe, expect, it } from 'vitest'
import { excerpt, readingMinutes, READING_SPEED } from '@/lib/text'
import { relatedArticles } from '@/lib/content/related'
import { pageMetadata } from '@/lib/metadata'
import { breadcrumbJsonLd, newsArticleJsonLd, serializeJsonLd, truncate, websiteJsonLd } from '@/lib/structured-data'
import type { Article } from '@/lib/content/types'

describe('reading time', () => {
  it('counts English by words', () => {
    expect(readingMinutes('word '.repeat(READING_SPEED.wordsPerMinute * 3))).toBe(3)
  })
  it('counts Chinese by characters, spaces or not', () => {
    expect(readingMinutes('新'.repeat(READING_SPEED.cjkCharsPerMinute * 4))).toBe(4)
    expect(readingMinutes('新闻 '.repeat(READING_SPEED.cjkCharsPerMinute))).toBe(2)
  })
  it('adds both in mixed text and never says zero', () => {
    const mixed = 'DeepSeek '.repeat(READING_SPEED.wordsPerMinute) + '模'.repeat(READING_SPEED.cjkCharsPerMinute)
    expect(readingMinutes(mixed)).toBe(2)
    expect(readingMinutes('')).toBe(1)
  })
  it('cuts excerpts at a sentence end when one is near', () => {
    const text = `${'A'.repeat(100)}. ${'B'.repeat(200)}`
    expect(excerpt(text, 160)).toBe(`${'A'.repeat(100)}.`)
    expect(excerpt('短文。')).toBe('短文。')
  })
})

function article(key: string, day: number, tags: string[], categories: string[], source = 'wire'): Article {
  const [locale, , slug] = key.split('/')
  return {
    key, locale: locale as Article['locale'], source, slug, path: `/news/${source}/${slug}/`, title: slug, summary: '', excerpt: '', lead: '',
    published: new Date(Date.UTC(2025, 1, day)), modified: new Date(Date.UTC(2025, 1, day)), status: 'published',
    tags: tags.map((t) => ({ name: t, slug: t })), categories: categories.map((c) => ({ name: c, slug: c })),
    readingMinutes: 1, translations: [], menus: [], file: `${key}.md`, sidebar: 'right', widgets: [],
    pager: true, authorbox: false, comments: false, toc: false, mathjax: false,
  }
}

describe('related articles', () => {
  const a = article('en/wire/a', 10, ['ai', 'chips'], ['tech'])
  const pool = [
    article('en/wire/b', 12, ['ai', 'chips'], ['tech']), // shares everything
    article('en/wire/c', 11, ['ai'], ['tech']),
    article('en/wire/d', 9, [], ['tech']),
    article('en/wire/e', 1, ['ai', 'chips'], ['tech']), // as related as b, but far in time
    article('en/other/f', 10, ['sports'], ['sport'], 'other'), // nothing shared
    a,
  ].sort((x, y) => y.published.getTime() - x.published.getTime())
  const lists = [{ articles: pool, position: new Map(pool.map((x, i) => [x.key, i])) }]

  it('ranks by shared tags, categories and source, then closeness in time, never itself', () => {
    expect(relatedArticles(a, { lists }).map((x) => x.slug)).toEqual(['b', 'e', 'c', 'd'])
  })
  it('returns at most the requested count and nothing unrelated', () => {
    expect(relatedArticles(a, { lists }, 2).map((x) => x.slug)).toEqual(['b', 'e'])
    expect(relatedArticles(a, { lists }).map((x) => x.slug)).not.toContain('f')
  })
})

describe('head metadata', () => {
  const meta = pageMetadata({
    locale: 'zh-CN',
    title: '标题',
    description: '摘要',
    path: '/zh-cn/news/qq/x/',
    alternates: { 'zh-CN': '/zh-cn/news/qq/x/', en: '/news/qq/x/' },
    article: { published: new Date('2025-02-07T15:04:54Z'), modified: new Date('2025-02-07T15:04:54Z'), section: 'qq', tags: ['AI'], image: 'https://img/x.png' },
  })
  it('has an absolute canonical and hreflang for each translation plus x-default', () => {
    expect(meta.alternates?.canonical).toBe('http://localhost:3000/zh-cn/news/qq/x/')
    expect(meta.alternates?.languages).toEqual({
      en: 'http://localhost:3000/news/qq/x/',
      'zh-CN': 'http://localhost:3000/zh-cn/news/qq/x/',
      'x-default': 'http://localhost:3000/news/qq/x/',
    })
  })
  it('describes the article to Open Graph with the +08:00 offset and to Twitter', () => {
    expect(meta.openGraph).toMatchObject({ type: 'article', locale: 'zh_CN', publishedTime: '2025-02-07T23:04:54+08:00', section: 'qq', tags: ['AI'] })
    expect(meta.twitter).toMatchObject({ card: 'summary_large_image' })
  })
  it('marks pages noindex on request', () => {
    expect(pageMetadata({ locale: 'en', title: 'Search', path: '/search/', noindex: true }).robots).toMatchObject({ index: false })
  })
})

describe('structured data', () => {
  const a = { ...article('en/wire/a', 10, ['ai'], ['tech']), title: 'T'.repeat(150), sourceLink: { name: 'wire', url: 'https://wire.example/a' } }
  it('describes a NewsArticle with a short headline, zoned dates and its source', () => {
    const ld = newsArticleJsonLd(a)
    expect(Array.from(ld.headline).length).toBe(110)
    expect(ld.datePublished).toBe('2025-02-10T08:00:00+08:00')
    expect(ld.isBasedOn).toBe('https://wire.example/a')
    expect(ld.publisher['@type']).toBe('Organization')
    expect(ld.mainEntityOfPage['@id']).toBe('http://localhost:3000/news/wire/a/')
  })
  it('lists breadcrumbs in order with absolute URLs and offers site search', () => {
    const crumbs = breadcrumbJsonLd([{ name: 'Home', path: '/' }, { name: 'wire', path: '/news/wire/' }])
    expect(crumbs.itemListElement.map((i) => [i.position, i.item])).toEqual([[1, 'http://localhost:3000/'], [2, 'http://localhost:3000/news/wire/']])
    expect(websiteJsonLd('zh-HK', 'x').potentialAction.target.urlTemplate).toBe('http://localhost:3000/zh-hk/search/?q={search_term_string}')
  })
  it('cannot be broken out of its script element', () => {
    const json = serializeJsonLd({ headline: '</script><script>alert(1)</script> & more' })
    expect(json).not.toContain('<')
    expect(JSON.parse(json).headline).toBe('</script><script>alert(1)</script> & more')
    expect(truncate('ab', 5)).toBe('ab')
  })
})
