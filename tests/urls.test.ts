import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { fromParam, parsePath, paths, toPath, urlize } from '@/lib/urls'
import { identityFromPath } from '@/lib/content/identity'

const corpus = path.resolve(__dirname, '../../shared/corpus')
const rows = fs
  .readFileSync(path.join(corpus, 'hugo-urls.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'))

describe('article URLs match the Hugo site', () => {
  const articles = rows.filter(([p]) => p !== '-')

  it('covers every article of the corpus', () => {
    expect(articles.length).toBe(5288)
  })

  it('builds the Hugo URL of every file from its path', () => {
    const wrong = articles.filter(([file, url]) => {
      const id = identityFromPath(file)
      return !id || paths.article(id.locale, id.source, id.slug) !== url
    })
    expect(wrong.slice(0, 5)).toEqual([])
  })

  it('parses every Hugo article URL back to the same identity', () => {
    for (const [file, url] of articles) {
      const id = identityFromPath(file)!
      expect(parsePath(url)).toEqual({ kind: 'article', locale: id.locale, source: id.source, slug: id.slug })
    }
  })

  // Hugo's /page/1/ URLs were aliases of the first page; their canonical form drops the suffix.
  it('parses every Hugo list URL to a page that builds the same (canonical) URL', () => {
    const lists = rows.filter(([p, url]) => p === '-' && url !== '/en/')
    expect(lists.length).toBeGreaterThan(2000)
    for (const [, url] of lists) {
      const parsed = parsePath(url)
      expect(parsed, url).toBeDefined()
      expect(toPath(parsed!)).toBe(url.replace(/page\/1\/$/, ''))
    }
  })
})

describe('urlize (Hugo rules)', () => {
  it('lowercases and hyphenates names with spaces', () => {
    expect(urlize('Dow Jones Newswires')).toBe('dow-jones-newswires')
    expect(urlize('MT  Newswires ')).toBe('mt-newswires')
  })
  it('drops punctuation Hugo drops and keeps what it keeps', () => {
    expect(urlize('tagreuters.com,2025newsml_L1N3P50BN0')).toBe('tagreuters.com2025newsml_l1n3p50bn0')
    expect(urlize('a - b')).toBe('a-b')
    expect(urlize('C++ & Go')).toBe('c++-go')
  })
  it('keeps Chinese as Unicode and two spellings differing by case share a slug', () => {
    expect(urlize('人工智能 新闻')).toBe('人工智能-新闻')
    expect(urlize('CoinDesk')).toBe(urlize('coindesk'))
  })
})

describe('paths and their inverse', () => {
  it('percent-encodes non-ASCII tags the way Hugo does, uppercase hex', () => {
    expect(paths.term('zh-CN', 'tags', '人工智能')).toBe('/zh-cn/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/')
  })
  it('puts the default locale at the root and others under lowercase prefixes', () => {
    expect(paths.home('en')).toBe('/')
    expect(paths.home('zh-HK', 3)).toBe('/zh-hk/page/3/')
    expect(paths.source('en', 'qq', 2)).toBe('/news/qq/page/2/')
  })
  it('accepts lowercase percent-encoding and raw UTF-8', () => {
    const expected = { kind: 'term', locale: 'zh-CN', taxonomy: 'tags', term: '人工智能', page: 1 }
    expect(parsePath('/zh-cn/tags/%e4%ba%ba%e5%b7%a5%e6%99%ba%e8%83%bd/')).toEqual(expected)
    expect(parsePath('/zh-cn/tags/人工智能/')).toEqual(expected)
    expect(parsePath('/ZH-CN/tags/人工智能')).toEqual(expected)
  })
  it('reads Hugo 0.111 article URLs that kept the language suffix as the article', () => {
    const parsed = parsePath('/zh-cn/news/qq/20250207a09biw.zh-cn/')
    expect(parsed).toEqual({ kind: 'article', locale: 'zh-CN', source: 'qq', slug: '20250207a09biw' })
    expect(toPath(parsed!)).toBe('/zh-cn/news/qq/20250207a09biw/')
    expect(parsePath('/news/tradingview/tagreuters.com2025newsml_l1n3p50bn0.en/')).toMatchObject({ slug: 'tagreuters.com2025newsml_l1n3p50bn0' })
  })

  it('rejects malformed encodings and impossible page numbers', () => {
    expect(parsePath('/tags/%E4%ZZ/')).toBeUndefined()
    expect(parsePath('/page/0/')).toBeUndefined()
    expect(parsePath('/page/abc/')).toBeUndefined()
    expect(parsePath('/news/a/b/c/')).toBeUndefined()
    expect(fromParam('%E4%ZZ')).toBeUndefined()
  })
})
