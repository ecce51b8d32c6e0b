import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { SourceDocument } from '@/lib/content/model'
import { sourceDocument } from './support/source-document'

// Digests of the site as the content build leaves it in CONTENTLAYER_DIR, before and
// after one article is added: what an incremental build would render again.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-digest-'))
const previousDir = process.env.CONTENTLAYER_DIR
afterAll(() => {
  process.env.CONTENTLAYER_DIR = previousDir
  fs.rmSync(dir, { recursive: true, force: true })
})

const doc = (file: string, day: number, tags: string[]) =>
  sourceDocument(file, { title: `Article of day ${day}`, tags, published: new Date(Date.UTC(2025, 0, day)).toISOString() })

/** Digests of every list page, from a fresh module graph reading `docs`. */
async function listDigests(docs: SourceDocument[]): Promise<Map<string, string>> {
  const out = path.join(dir, String(docs.length))
  fs.mkdirSync(path.join(out, 'generated', 'Article'), { recursive: true })
  fs.writeFileSync(path.join(out, 'generated', 'Article', '_meta.json'), JSON.stringify(docs))
  process.env.CONTENTLAYER_DIR = out
  vi.resetModules()
  const { listPageDigests } = await import('@/lib/content/page-digest')
  const { expectedListPaths } = await import('@/lib/content')
  const digests = listPageDigests()
  // Every paginated list page has a digest; the taxonomy indexes are always rendered.
  expect([...digests.keys(), ...expectedListPaths().filter((p) => /\/(tags|categories)\/$/.test(p))].sort()).toEqual(expectedListPaths().sort())
  return digests
}

const changed = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([p, d]) => before.get(p) !== d).map(([p]) => p).sort()

describe('list page digests', () => {
  // 25 English articles of one source (3 pages of 10), all tagged "markets"; the 5
  // oldest also "quiet". One Chinese article.
  const site = [
    ...Array.from({ length: 25 }, (_, i) => doc(`en/news/wire/w${i + 1}.en.md`, i + 1, i < 5 ? ['markets', 'quiet'] : ['markets'])),
    doc('zh-CN/news/wire/z1.zh-CN.md', 1, ['市场']),
  ]

  it('change for the pages a new article shifts, and only for those', async () => {
    const before = await listDigests(site)
    const after = await listDigests([...site, doc('en/news/other/o1.en.md', 30, ['markets'])])
    expect(changed(before, after)).toEqual([
      '/', '/news/', '/news/other/', '/news/page/2/', '/news/page/3/', '/page/2/', '/page/3/',
      '/tags/markets/', '/tags/markets/page/2/', '/tags/markets/page/3/',
    ])
    // Kept: the source it did not join, the tag it does not have, every other locale.
    expect(after.get('/news/wire/page/3/')).toBe(before.get('/news/wire/page/3/'))
    expect(after.get('/tags/quiet/')).toBe(before.get('/tags/quiet/'))
    expect(after.get('/zh-cn/')).toBe(before.get('/zh-cn/'))
  })

  it('change when an article on the page is edited, and when the list gains a page', async () => {
    const before = await listDigests(site)
    const edited = site.map((d) => (d._raw.sourceFilePath === 'en/news/wire/w2.en.md' ? { ...d, title: 'A new title' } : d))
    // w2 is on the last page of the home, the section and the source, and on the
    // first page of "quiet" (newest first).
    expect(changed(before, await listDigests(edited))).toEqual(['/news/page/3/', '/news/wire/page/3/', '/page/3/', '/tags/markets/page/3/', '/tags/quiet/'])
    // Six more articles make a fourth page: the page count every page shows changes.
    const more = [...site, ...Array.from({ length: 6 }, (_, i) => doc(`en/news/wire/old${i}.en.md`, 0, ['markets']))]
    expect(changed(before, await listDigests(more))).toEqual(expect.arrayContaining(['/', '/news/wire/', '/news/wire/page/4/', '/tags/markets/']))
  })
})

/** Digests of every article page, from a fresh module graph reading `docs` and their bodies. */
async function articleDigests(docs: SourceDocument[], bodies: Record<string, string> = {}): Promise<Map<string, string>> {
  const out = fs.mkdtempSync(path.join(dir, 'articles-'))
  const articleDir = path.join(out, 'generated', 'Article')
  fs.mkdirSync(articleDir, { recursive: true })
  fs.writeFileSync(path.join(articleDir, '_meta.json'), JSON.stringify(docs))
  for (const d of docs) {
    const file = d._raw.sourceFilePath
    fs.writeFileSync(path.join(articleDir, `${file.split('/').join('__')}.json`), JSON.stringify({ ...d, body: { raw: bodies[file] ?? `Body of ${file}` } }))
  }
  process.env.CONTENTLAYER_DIR = out
  vi.resetModules()
  const { articlePageDigests } = await import('@/lib/content/page-digest')
  return articlePageDigests()
}

describe('article page digests', () => {
  // Ten English articles of one source, one a day, all tagged "markets"; one Chinese article.
  const site = [
    ...Array.from({ length: 10 }, (_, i) => doc(`en/news/wire/w${i + 1}.en.md`, i + 1, ['markets'])),
    doc('zh-CN/news/wire/z1.zh-CN.md', 1, ['市场']),
  ]
  const w = (n: number) => `/news/wire/w${n}/`

  it('are the same for the same site', async () => {
    expect(await articleDigests(site)).toEqual(await articleDigests(site))
  })

  it('change for an edited body only on its own page', async () => {
    const before = await articleDigests(site)
    expect(changed(before, await articleDigests(site, { 'en/news/wire/w5.en.md': 'A corrected body' }))).toEqual([w(5)])
  })

  it('change for an edited title on its page, its neighbours and the pages that list it as related', async () => {
    const before = await articleDigests(site)
    const edited = site.map((d) => (d._raw.sourceFilePath === 'en/news/wire/w5.en.md' ? { ...d, title: 'A new title' } : d))
    const after = await articleDigests(edited)
    // With ten articles sharing a tag and a source, every English one lists w5 as related (or is w5).
    expect(changed(before, after)).toEqual(Array.from({ length: 10 }, (_, i) => w(i + 1)).sort())
    expect(after.get('/zh-cn/news/wire/z1/')).toBe(before.get('/zh-cn/news/wire/z1/'))
  })

  it('change for the neighbours of a new article, not for an article far from it in another tag', async () => {
    const tagged = [...site, doc('en/news/other/far.en.md', 1, ['quiet'])]
    const before = await articleDigests(tagged)
    const after = await articleDigests([...tagged, doc('en/news/solo/o1.en.md', 30, ['fresh'])])
    // The newest article until now gets a newer neighbour.
    expect(after.get(w(10))).not.toBe(before.get(w(10)))
    expect(after.get(w(9))).toBe(before.get(w(9)))
    expect(after.get('/news/other/far/')).toBe(before.get('/news/other/far/'))
  })
})
