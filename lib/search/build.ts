/**
 * The production build's search indexes (scripts/build-search.ts). Each locale's
 * index is kept in Next's cache folder with a digest of every document it holds;
 * the next build of the same code loads it and only adds, replaces and discards
 * the documents that changed, instead of indexing every article again.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Locale } from '@/site.config'
import { indexFile, loadIndex, serializeIndex, updateIndex, type SearchDocument } from '@/lib/search/engine'
import { searchIndexFile } from '@/lib/search'
import { writeFileAtomically } from '@/lib/write-file'

export interface IndexedLocale {
  locale: Locale
  documents: number
  /** Whether the previous build's index was brought up to date, or a new one built. */
  updated: boolean
  added: number
  removed: number
}

interface DigestFile {
  fingerprint: string
  /** The kept index file's own digest: a damaged file is not reused. */
  index: string
  digests: Record<string, string>
}

/**
 * What indexing one locale holds at its peak, per document, at most: measured at 100k
 * articles, where updating the zh-CN index (32k documents) peaked at 3.46 GiB (108 KB
 * each) and building or updating the English one (60k) at 4.1 GiB (68 KB each).
 */
export const INDEXING_BYTES_PER_DOCUMENT = 110 * 1024

/**
 * Whether a locale of `documents` may start indexing beside the ones running now:
 * one always may, and more only while their estimated memory fits in `budget` bytes
 * and there is a core for each. A 30k site indexes its three locales side by side; at
 * 100k the two large ones go one after the other instead of needing 7 GB at once.
 */
export function mayStartIndexing(running: readonly number[], documents: number, { budget, cores }: { budget: number; cores: number }): boolean {
  if (running.length === 0) return true
  const bytes = (n: number) => n * INDEXING_BYTES_PER_DOCUMENT
  return running.length < cores && running.reduce((sum, n) => sum + bytes(n), bytes(documents)) <= budget
}

const cacheDir = (dist: string) => path.join(dist, 'cache', 'kanbao-search')
const cachedIndex = (dist: string, locale: Locale) => path.join(cacheDir(dist), `search-${locale}.json`)
const cachedDigests = (dist: string, locale: Locale) => path.join(cacheDir(dist), `search-${locale}.digests.json`)

const digest = (text: string) => crypto.createHash('sha256').update(text).digest('base64url').slice(0, 22)
const documentDigest = (doc: SearchDocument) => digest(JSON.stringify(doc))

function readPrevious(dist: string, locale: Locale, fingerprint: string): { json: string; digests: Map<string, string> } | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(cachedDigests(dist, locale), 'utf8')) as DigestFile
    if (state.fingerprint !== fingerprint) return undefined
    const json = fs.readFileSync(cachedIndex(dist, locale), 'utf8')
    if (digest(json) !== state.index) return undefined
    return { json, digests: new Map(Object.entries(state.digests)) }
  } catch {
    return undefined // No previous index, or not a readable one: build from scratch.
  }
}

/**
 * Writes one locale's index of `docs` (lib/search `searchDocuments`) into the dist dir,
 * from the previous build's when it was made by the same code (`fingerprint`) and a
 * fresh one is not asked for, and keeps it for the next build.
 */
export async function writeSearchIndex(
  locale: Locale,
  docs: readonly SearchDocument[],
  { dist, fingerprint, fresh = false }: { dist: string; fingerprint: string; fresh?: boolean },
): Promise<IndexedLocale> {
  const digests = new Map(docs.map((d) => [d.id, documentDigest(d)]))
  const previous = fresh ? undefined : readPrevious(dist, locale, fingerprint)
  const fromScratch: IndexedLocale = { locale, documents: docs.length, updated: false, added: docs.length, removed: 0 }
  const same = previous && previous.digests.size === digests.size && [...digests].every(([id, d]) => previous.digests.get(id) === d)
  if (same) {
    // Nothing changed (a locale without new articles): the kept file as it is, not even
    // loaded. A loaded index lists its terms in another order, so rewriting it would change the bytes.
    writeFileAtomically(searchIndexFile(locale, dist), previous.json)
    return { ...fromScratch, updated: true, added: 0, removed: 0 }
  }
  let index
  let result = fromScratch
  if (previous) {
    try {
      index = loadIndex(previous.json)
      // Loaded, the kept file's text is dead weight (~0.5 GB for a 100k-article Chinese
      // index) while the index is updated and written out: let it go.
      previous.json = ''
      result = { ...fromScratch, updated: true, ...(await updateIndex(index, previous.digests, docs, digests)) }
    } catch {
      index = undefined // It did not hold what its digests said: start over.
    }
  }
  const json = index ? serializeIndex(index) : indexFile(docs)
  writeFileAtomically(searchIndexFile(locale, dist), json)
  // The digests go last and are removed first: an index without them is never reused.
  fs.rmSync(cachedDigests(dist, locale), { force: true })
  writeFileAtomically(cachedIndex(dist, locale), json)
  writeFileAtomically(cachedDigests(dist, locale), JSON.stringify({ fingerprint, index: digest(json), digests: Object.fromEntries(digests) } satisfies DigestFile))
  return result
}
