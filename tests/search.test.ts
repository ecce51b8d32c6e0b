import { beforeAll, describe, expect, it } from 'vitest'
import MiniSearch from 'minisearch'
import { buildIndex, indexFile, indexOptions, loadIndex, runSearch, serializeIndex, updateIndex, type SearchDocument } from '@/lib/search/engine'
import { highlight } from '@/lib/search/highlight'
import { tokenizeQuery } from '@/lib/search/tokenize'
import { readSearchParams } from '@/lib/search/params'
import { loadCorpusDocs as load } from './support/corpus-docs'

const q = (query: string, extra: Partial<Parameters<typeof runSearch>[1]> = {}) => ({ q: query, page: 1, pageSize: 10, ...extra })

describe('search over real articles', () => {
  let zhCN: MiniSearch<SearchDocument>, zhHK: MiniSearch<SearchDocument>, en: MiniSearch<SearchDocument>
  let hkDocs: SearchDocument[], enDocs: SearchDocument[]
  const seed = 'zh-CN/news/qq/20250207A09BIW.zh-CN.md'

  beforeAll(() => {
    const cn = [...load('zh-CN/news/qq', 150), ...load('zh-CN/news/sina', 50)]
    if (!cn.some((d) => d.id === seed)) cn.push(...load('zh-CN/news/qq', 10_000).filter((d) => d.id === seed))
    zhCN = buildIndex(cn)
    hkDocs = load('zh-HK/news/stheadline', 120)
    zhHK = buildIndex(hkDocs)
    enDocs = [...load('en/news/coindesk', 81), ...load('en/news/thehill', 75)]
    en = buildIndex(enDocs)
  })

  it('finds the seed article with or without spaces between Chinese words, and by a Latin name', () => {
    for (const query of ['欧洲 人工智能', '欧洲人工智能', 'DeepSeek', 'deepseek']) {
      const ids = runSearch(zhCN, q(query)).hits.map((h) => h.id)
      expect(ids, query).toContain(seed)
    }
  })

  it('requires every word: an unrelated pair finds nothing', () => {
    expect(runSearch(zhCN, q('欧洲人工智能 长颈鹿')).total).toBe(0)
  })

  it('finds Traditional Chinese articles with a Traditional query from their title', () => {
    const target = hkDocs.find((d) => Array.from(d.title.replace(/[^\p{Script=Han}]/gu, '')).length >= 6)!
    const phrase = Array.from(target.title.replace(/[^\p{Script=Han}]/gu, '')).slice(0, 4).join('')
    const ids = runSearch(zhHK, q(phrase)).hits.map((h) => h.id)
    expect(ids, phrase).toContain(target.id)
  })

  it('ranks a title match above body-only matches in English', () => {
    const results = runSearch(en, q('bitcoin', { pageSize: 1000 }))
    const inTitle = results.hits.map((h) => /bitcoin/i.test(h.title))
    expect(inTitle).toContain(true)
    expect(inTitle).toContain(false)
    // Every headline hit comes before every body-only hit.
    expect(inTitle.slice(inTitle.indexOf(false))).not.toContain(true)
    expect(results.hits.map((h) => h.id)).toEqual(expect.arrayContaining(enDocs.filter((d) => /bitcoin/i.test(d.title)).map((d) => d.id)))
  })

  it('tolerates a typo in a long word when the word as typed finds too little', () => {
    const exact = runSearch(en, q('bitcoin', { pageSize: 1000 }))
    const typo = runSearch(en, q('bitcoim', { pageSize: 1000 }))
    expect(exact.total).toBeGreaterThan(0)
    expect(typo.hits.map((h) => h.id)).toEqual(expect.arrayContaining(exact.hits.filter((h) => /bitcoin/i.test(h.title)).map((h) => h.id)))
  })

  it('filters by source and tag and paginates', () => {
    const all = runSearch(en, q('the', { pageSize: 5 }))
    expect(all.hits).toHaveLength(5)
    expect(all.totalPages).toBe(Math.ceil(all.total / 5))
    const page2 = runSearch(en, q('the', { pageSize: 5, page: 2 }))
    expect(page2.hits.map((h) => h.id)).not.toContain(all.hits[0].id)
    const hill = runSearch(en, q('the', { source: 'thehill' }))
    expect(hill.total).toBeGreaterThan(0)
    expect(hill.hits.every((h) => h.source === 'thehill')).toBe(true)
    expect(runSearch(en, q('the', { tag: 'thehill' })).hits.every((h) => h.tags.includes('thehill'))).toBe(true)
  })

  it('reports matched Chinese words as typed, for highlighting, and lets one character find its bigrams', () => {
    const results = runSearch(zhCN, q('欧洲人工智能'))
    expect(results.terms).toEqual(expect.arrayContaining(['欧洲', '人工', '智能']))
    const title = highlight(results.hits[0].title, results.terms)
    expect(title.some((p) => p.match && /欧洲|人工智能/.test(p.text))).toBe(true)
    expect(runSearch(zhCN, q('欧')).hits.map((h) => h.id)).toContain(seed)
  })

  it('survives serialization to the file the build writes, which is exactly what MiniSearch itself writes', () => {
    for (const index of [zhCN, zhHK, en]) expect(serializeIndex(index)).toBe(JSON.stringify(index))
    const again = loadIndex(serializeIndex(zhCN))
    expect(runSearch(again, q('欧洲人工智能')).hits.map((h) => h.id)).toContain(seed)
  })

  it('answers absurd queries with an empty result, never an error', () => {
    for (const query of ['', '   ', '%', '%E4%ZZ', '!!!???。。。', '😀🎉', 'a'.repeat(1000), '欧'.repeat(1000), '<script>alert(1)</script>']) {
      expect(() => runSearch(zhCN, q(query)), query).not.toThrow()
    }
    expect(runSearch(zhCN, q('%')).total).toBe(0)
    expect(runSearch(zhCN, q('😀🎉')).total).toBe(0)
  })
})

describe('the index file', () => {
  /** What MiniSearch itself writes after adding the documents one by one. */
  const minisearchFile = (docs: SearchDocument[]) => {
    const index = new MiniSearch<SearchDocument>(indexOptions)
    index.addAll(docs)
    return JSON.stringify(index)
  }
  /** Everything in the file, with its terms as a map: their order is the radix tree's, and loading does not depend on it. */
  const contents = (json: string) => {
    const { index, ...rest } = JSON.parse(json) as { index: [string, unknown][] }
    return { ...rest, terms: new Map(index) }
  }

  it('holds what MiniSearch would have written for the same documents, scores and all', () => {
    const docs = [...load('zh-CN/news/qq', 40), ...load('zh-HK/news/stheadline', 30), ...load('en/news/coindesk', 40)]
    // Fields MiniSearch treats specially: empty, and a word repeated in one field.
    docs.push({ ...docs[0], id: 'empty', title: '', summary: '', body: '' }, { ...docs[1], id: 'repeat', title: 'Bitcoin bitcoin BITCOIN 比特币比特币' })
    const { terms, ...written } = contents(indexFile(docs))
    const { terms: expectedTerms, ...expected } = contents(minisearchFile(docs))
    expect(written).toEqual(expected)
    // Term by term, so that a failure names the terms instead of diffing thousands.
    expect(terms.size).toBeGreaterThan(1000)
    expect([...terms.keys()].sort()).toEqual([...expectedTerms.keys()].sort())
    const differing = [...terms].filter(([term, postings]) => JSON.stringify(postings) !== JSON.stringify(expectedTerms.get(term)))
    expect(differing.slice(0, 5)).toEqual([])
  })

  it('refuses two documents with one id, as MiniSearch does', () => {
    const [doc] = load('en/news/thehill', 1)
    expect(() => indexFile([doc, { ...doc }])).toThrow(doc.id)
  })
})

describe('an index brought up to date by a later build', () => {
  const digestsOf = (docs: SearchDocument[]) => new Map(docs.map((d) => [d.id, JSON.stringify(d)]))
  const words = (docs: SearchDocument[]) => [...new Set(docs.flatMap((d) => tokenizeQuery(d.title).slice(0, 2)))].slice(0, 80)

  it('answers every query as an index built from scratch, without removed or replaced text', async () => {
    const all = [...load('en/news/coindesk', 81), ...load('zh-CN/news/qq', 60)]
    const before = all.slice(0, 110)
    // The next build: 10 articles deleted, 5 edited, 30 new ones.
    const edited = before.slice(20, 25).map((d) => ({ ...d, body: `${d.body} zyxwvutsq 灯塔计划`, title: `${d.title} revised` }))
    const added = all.slice(110)
    const after = [...before.slice(10, 20), ...edited, ...before.slice(25), ...added]
    const updated = loadIndex(serializeIndex(buildIndex(before)))
    const counts = await updateIndex(updated, digestsOf(before), after, digestsOf(after))
    expect(added.length).toBeGreaterThan(20)
    expect(counts).toEqual({ added: 5 + added.length, removed: 15 })
    // The file the next build writes (holes in the ids and all), loaded as the server loads it.
    expect(serializeIndex(updated)).toBe(JSON.stringify(updated))
    const served = loadIndex(serializeIndex(updated))
    const fresh = buildIndex(after)
    const queries = [...words(after), ...words(before.slice(0, 10)), 'zyxwvutsq', '灯塔计划', 'revised']
    for (const query of queries) {
      const a = runSearch(served, q(query, { pageSize: 50 }))
      const b = runSearch(fresh, q(query, { pageSize: 50 }))
      expect(a.hits.map((h) => h.id), query).toEqual(b.hits.map((h) => h.id))
      expect(a.total, query).toBe(b.total)
    }
    expect(runSearch(served, q('zyxwvutsq')).hits.map((h) => h.id).sort()).toEqual(edited.map((d) => d.id).sort())
    // A deleted article is gone, whatever words it had.
    const removed = new Set(before.slice(0, 10).map((d) => d.id))
    for (const query of queries) expect(runSearch(served, q(query, { pageSize: 200 })).hits.filter((h) => removed.has(h.id))).toEqual([])
  })

  it('refuses an index that does not hold what its digests say, so the build starts over', async () => {
    const docs = load('en/news/thehill', 20)
    const index = buildIndex(docs.slice(0, 10))
    await expect(updateIndex(index, digestsOf(docs), docs.slice(0, 5), digestsOf(docs.slice(0, 5)))).rejects.toThrow()
  })
})

describe('query tokens', () => {
  it('cuts Chinese queries into bigrams within words, never across them', () => {
    const tokens = tokenizeQuery('欧洲人工智能')
    expect(tokens).toEqual(expect.arrayContaining(['欧洲', '人工', '智能']))
    expect(tokens).not.toContain('洲人')
  })
  it('reads adjacent one-character words as one run, and keeps a lone character for a prefix search', () => {
    expect(tokenizeQuery('有自')).toEqual(['有自'])
    expect(tokenizeQuery('欧')).toEqual(['欧'])
    expect(tokenizeQuery('有 自')).toEqual(['有', '自'])
  })
  it('lowercases Latin words and ignores punctuation', () => {
    expect(tokenizeQuery('DeepSeek, OpenAI!')).toEqual(['deepseek', 'openai'])
  })
})

describe('highlighting', () => {
  it('marks matched words and merges adjacent bigrams', () => {
    expect(highlight('欧洲的人工智能', ['人工', '工智', '智能'])).toEqual([
      { text: '欧洲的', match: false },
      { text: '人工智能', match: true },
    ])
    expect(highlight('Bitcoin rises', ['bitcoin'])).toEqual([{ text: 'Bitcoin', match: true }, { text: ' rises', match: false }])
  })
})

describe('search parameters', () => {
  it('clamps and validates what comes from the URL', () => {
    const { query, form } = readSearchParams({ q: 'x'.repeat(500), page: '-1', from: '2025-13-45x', source: 'QQ' })
    expect(form.q).toHaveLength(200)
    expect(query.page).toBe(1)
    expect(query.from).toBeUndefined()
    expect(query.source).toBe('qq')
    const dated = readSearchParams({ q: 'a', from: '2025-02-07', to: '2025-02-07' }).query
    expect(dated.to! - dated.from!).toBe(86_399_000)
    expect(new Date(dated.from!).toISOString()).toBe('2025-02-06T16:00:00.000Z')
  })
})
