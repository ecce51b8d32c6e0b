import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { mayStartIndexing, writeSearchIndex } from '@/lib/search/build'
import { loadIndex, runSearch } from '@/lib/search/engine'
import { searchIndexFile } from '@/lib/search'
import type { SearchDocument } from '@/lib/search/engine'
import { loadCorpusDocs } from './support/corpus-docs'

// What `npm run build` does to the English search index from one build to the next.
const docs = loadCorpusDocs('en/news/thehill', 40)
const q = (query: string) => ({ q: query, page: 1, pageSize: 50 })

function site() {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-search-'))
  return {
    cached: (suffix: string) => path.join(dist, 'cache', 'kanbao-search', `search-en${suffix}`),
    served: () => fs.readFileSync(searchIndexFile('en', dist), 'utf8'),
    build: (d: readonly SearchDocument[], extra: { fingerprint?: string; fresh?: boolean } = {}) =>
      writeSearchIndex('en', d, { dist, fingerprint: 'code-1', ...extra }),
  }
}

describe("the build's search index, from one build to the next", () => {
  it('is built from scratch the first time, then only what changed is indexed again', async () => {
    const { build, served } = site()
    expect(await build(docs.slice(0, 30))).toMatchObject({ documents: 30, updated: false, added: 30, removed: 0 })
    // Next build: the first article deleted, the sixth edited, ten new ones.
    const next = [...docs.slice(1, 30).map((d, i) => (i === 4 ? { ...d, body: `${d.body} qwertyuiop` } : d)), ...docs.slice(30)]
    expect(await build(next)).toMatchObject({ documents: 39, updated: true, added: 11, removed: 2 })
    const index = loadIndex(served())
    expect(index.documentCount).toBe(39)
    expect(runSearch(index, q('qwertyuiop')).hits.map((h) => h.id)).toEqual([docs[5].id])
    expect(runSearch(index, q(docs[35].title)).hits.map((h) => h.id)).toContain(docs[35].id)
    expect(runSearch(index, q(docs[0].title)).hits.map((h) => h.id)).not.toContain(docs[0].id)
    // Nothing changed: nothing indexed again, and the same file.
    const same = served()
    expect(await build(next)).toMatchObject({ updated: true, added: 0, removed: 0 })
    expect(served()).toBe(same)
  })

  it('starts afresh when the code changed, when asked to, or when the kept index cannot be trusted', async () => {
    const { build, served, cached } = site()
    await build(docs)
    expect(await build(docs, { fingerprint: 'code-2' })).toMatchObject({ updated: false, added: docs.length })
    expect(await build(docs, { fingerprint: 'code-2', fresh: true })).toMatchObject({ updated: false })
    // A damaged file, even with nothing else changed, is neither reused nor served.
    fs.writeFileSync(cached('.json'), '{"not": "an index"')
    expect(await build(docs, { fingerprint: 'code-2' })).toMatchObject({ updated: false })
    expect(loadIndex(served()).documentCount).toBe(docs.length)
    expect(await build(docs, { fingerprint: 'code-2' })).toMatchObject({ updated: true, added: 0 })
    // Digests naming an article the index does not hold.
    const state = JSON.parse(fs.readFileSync(cached('.digests.json'), 'utf8'))
    state.digests['en/news/thehill/ghost.en.md'] = 'x'
    fs.writeFileSync(cached('.digests.json'), JSON.stringify(state))
    expect(await build(docs, { fingerprint: 'code-2' })).toMatchObject({ updated: false, added: docs.length })
    expect(loadIndex(served()).documentCount).toBe(docs.length)
  })
})

describe("the build's search step, locale by locale", () => {
  const GiB = 2 ** 30
  const twoCores = { budget: 4 * GiB, cores: 2 }

  it('indexes the locales of a 30k site side by side, one per core', () => {
    // en 18,114 · zh-CN 9,607 · zh-HK 2,279 articles (the bench's 30k set)
    expect(mayStartIndexing([18114], 9607, twoCores)).toBe(true)
    expect(mayStartIndexing([18114, 9607], 2279, twoCores)).toBe(false)
    expect(mayStartIndexing([9607], 2279, { ...twoCores, cores: 1 })).toBe(false)
  })

  it('indexes the large locales of a 100k site one after the other, within the memory budget', () => {
    // en 60,379 · zh-CN 31,970 · zh-HK 7,651: side by side they peaked at 7.3 GB
    expect(mayStartIndexing([], 60379, twoCores)).toBe(true)
    expect(mayStartIndexing([60379], 31970, twoCores)).toBe(false)
    expect(mayStartIndexing([31970], 7651, twoCores)).toBe(false)
    expect(mayStartIndexing([31970], 7651, { ...twoCores, budget: 8 * GiB })).toBe(true)
  })
})
