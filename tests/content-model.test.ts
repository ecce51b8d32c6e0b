import { describe, expect, it } from 'vitest'
import { buildSiteIndex, normalizeThumbnail } from '@/lib/content/model'
import { paginate, pageNumbers } from '@/lib/content/paginate'
import { publicationStatus } from '@/lib/content/publication'
import { splitSourceLink } from '@/lib/content/source-link'
import { sourceDocument } from './support/source-document'

const doc = sourceDocument

const now = Date.parse('2025-03-01T00:00:00Z')

describe('site index', () => {
  const docs = [
    doc('en/news/wire/a.en.md', { title: 'A &amp; B', tags: ['Dow Jones Newswires', 'CoinDesk'], translations: ['en', 'zh-CN', 'zh-HK'], published: '2025-02-03T00:00:00Z' }),
    doc('en/news/wire/b.en.md', { tags: ['dow jones newswires', 'coindesk'], published: '2025-02-02T00:00:00Z' }),
    doc('en/news/wire/c.en.md', { tags: ['coindesk'], published: '2025-02-01T00:00:00Z' }),
    doc('en/news/wire/d.en.md', { draft: true }),
    doc('zh-CN/news/wire/a.zh-CN.md', { tags: ['人工智能'], translations: ['en', 'zh-CN'] }),
  ]
  const site = buildSiteIndex(docs, { now, showUnpublished: false })
  const en = site.locales.en

  it('orders articles newest first and leaves drafts out of production', () => {
    expect(en.articles.map((a) => a.slug)).toEqual(['a', 'b', 'c'])
    expect(site.all).toHaveLength(5)
  })
  it('shows drafts when unpublished articles are shown (dev)', () => {
    const dev = buildSiteIndex(docs, { now, showUnpublished: true })
    expect(dev.locales.en.articles.map((a) => a.status)).toContain('draft')
  })
  it('groups tags case-insensitively under the most used spelling', () => {
    const coindesk = en.terms.tags.get('coindesk')!
    expect(coindesk.name).toBe('coindesk')
    expect(coindesk.count).toBe(3)
    const dj = en.terms.tags.get('dow-jones-newswires')!
    expect(dj.count).toBe(2)
    expect(dj.articles.map((a) => a.slug)).toEqual(['a', 'b'])
  })
  it('keeps Chinese tags in their own locale', () => {
    expect(site.locales['zh-CN'].terms.tags.get('人工智能')?.count).toBe(1)
    expect(en.terms.tags.has('人工智能')).toBe(false)
  })
  it('decodes HTML entities in titles once', () => {
    expect(en.byKey.get('en/wire/a')?.title).toBe('A & B')
  })
  it('finds translations by source and slug in the locales listed', () => {
    const a = en.byKey.get('en/wire/a')!
    expect(a.translations).toEqual(['en', 'zh-CN', 'zh-HK'])
    expect(site.locales['zh-CN'].byKey.has('zh-CN/wire/a')).toBe(true)
    expect(site.locales['zh-HK'].byKey.has('zh-HK/wire/a')).toBe(false)
  })
})

describe('pagination', () => {
  const items = Array.from({ length: 23 }, (_, i) => i)
  it('splits into pages of the configured size', () => {
    expect(paginate(items, 1, 10)?.items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(paginate(items, 3, 10)).toMatchObject({ items: [20, 21, 22], page: 3, totalPages: 3, totalItems: 23 })
    expect(pageNumbers(23, 10)).toEqual([1, 2, 3])
  })
  it('has no page 0, no page past the last, but a first page of an empty list', () => {
    expect(paginate(items, 0, 10)).toBeUndefined()
    expect(paginate(items, 4, 10)).toBeUndefined()
    expect(paginate([], 1, 10)).toMatchObject({ items: [], totalPages: 1 })
  })
})

describe('publication rules', () => {
  const t = Date.parse('2025-02-07T15:04:54Z')
  it('follows Hugo: draft, future, expired, published', () => {
    expect(publicationStatus({ draft: true, published: t - 1, expires: null }, t)).toBe('draft')
    expect(publicationStatus({ published: t + 1000, expires: null }, t)).toBe('scheduled')
    expect(publicationStatus({ published: t - 1000, expires: t - 1 }, t)).toBe('expired')
    expect(publicationStatus({ published: t - 1000, expires: t + 1 }, t)).toBe('published')
  })
  it('publishes an article dated at the very second of the build', () => {
    expect(publicationStatus({ published: t, expires: null }, t)).toBe('published')
  })
})

describe('front-matter shapes', () => {
  it('accepts both thumbnail forms of Mainroad', () => {
    expect(normalizeThumbnail('https://x/y.png')).toEqual({ src: 'https://x/y.png', inList: true, inPost: true })
    expect(normalizeThumbnail({ src: '//x/y.png', visibility: ['list'] })).toEqual({ src: 'https://x/y.png', inList: true, inPost: false })
    expect(normalizeThumbnail('')).toBeUndefined()
    expect(normalizeThumbnail('javascript:alert(1)')).toBeUndefined()
  })
  it('takes the trailing source link out of the body', () => {
    expect(splitSourceLink('Text.\n\n[benzinga](https://www.benzinga.com/a)\n')).toEqual({ body: 'Text.', sourceLink: { name: 'benzinga', url: 'https://www.benzinga.com/a' } })
    expect(splitSourceLink('See [this](https://x.com/a)').sourceLink).toBeUndefined()
  })
})
