/**
 * The search engine: MiniSearch over per-locale documents, with the CJK-aware
 * tokens of ./tokenize. Plain functions: build, serialize, load, query.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch'
import { indexFileOf } from '@/lib/search/index-file'
import { displayTerm, indexTerm, isCjkToken, tokenizeDocument, tokenizeQuery } from '@/lib/search/tokenize'

export { serializeIndex } from '@/lib/search/index-file'

export interface SearchDocument {
  id: string
  path: string
  title: string
  summary: string
  body: string
  excerpt: string
  /** Epoch ms. */
  published: number
  source: string
  tags: string[]
}

export type StoredDocument = Omit<SearchDocument, 'body' | 'summary'>

export interface SearchQuery {
  q: string
  source?: string
  tag?: string
  /** Inclusive bounds, epoch ms. */
  from?: number
  to?: number
  page: number
  pageSize: number
}

export interface SearchHit extends StoredDocument {
  score: number
}

export interface SearchResults {
  hits: SearchHit[]
  total: number
  page: number
  totalPages: number
  /** Index terms that matched, for highlighting. */
  terms: string[]
}

export const indexOptions = {
  fields: ['title', 'summary', 'body'],
  storeFields: ['path', 'title', 'excerpt', 'published', 'source', 'tags'],
  tokenize: (text) => tokenizeDocument(text).map(indexTerm),
  processTerm: (term) => term,
} satisfies Options<SearchDocument>

/** The index file of `docs`, as the build writes it and the server loads it. */
export function indexFile(docs: readonly SearchDocument[]): string {
  return indexFileOf(docs, indexOptions)
}

export function buildIndex(docs: readonly SearchDocument[]): MiniSearch<SearchDocument> {
  return loadIndex(indexFile(docs))
}

export function loadIndex(json: string): MiniSearch<SearchDocument> {
  return MiniSearch.loadJSON<SearchDocument>(json, indexOptions)
}

/** The same, in batches that let the process answer other requests in between (all but the JSON parse). */
export function loadIndexAsync(json: string): Promise<MiniSearch<SearchDocument>> {
  return MiniSearch.loadJSONAsync<SearchDocument>(json, indexOptions)
}

/**
 * Brings a previous build's index up to this build's documents: documents gone or
 * changed are discarded (and their terms vacuumed away, so that no count still sees
 * them), new and changed ones are added. `previous` and `digests` map a document's id
 * to a digest of everything it is indexed by. Throws if the index does not hold what
 * `previous` says it does; the caller then builds from scratch.
 */
export async function updateIndex(
  index: MiniSearch<SearchDocument>,
  previous: ReadonlyMap<string, string>,
  docs: readonly SearchDocument[],
  digests: ReadonlyMap<string, string>,
): Promise<{ added: number; removed: number }> {
  let removed = 0
  for (const [id, digest] of previous) {
    if (digests.get(id) === digest) continue
    index.discard(id)
    removed++
  }
  if (index.dirtCount > 0) await index.vacuum()
  const added = docs.filter((d) => previous.get(d.id) !== digests.get(d.id))
  index.addAll(added as SearchDocument[])
  return { added: added.length, removed }
}

const EMPTY = (page: number): SearchResults => ({ hits: [], total: 0, page, totalPages: 0, terms: [] })

export function runSearch(index: MiniSearch<SearchDocument>, query: SearchQuery): SearchResults {
  const words = tokenizeQuery(query.q)
  if (words.length === 0) return EMPTY(query.page)
  const typed = new Map(words.map((w) => [indexTerm(w), w]))
  const tokens = [...typed.keys()]
  const search = (fuzzy: boolean) =>
    index.search(tokens.join(' '), {
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      combineWith: 'AND',
      // Title hits first: a word in the headline says more than one in the body.
      boost: { title: 4, summary: 1.5 },
      // A lone Chinese character matches the bigrams it starts; Latin words match as prefixes.
      prefix: (term) => {
        const word = typed.get(term) ?? term
        return isCjkToken(word) ? Array.from(word).length === 1 : word.length >= 3
      },
      fuzzy: (term) => {
        const word = typed.get(term) ?? term
        return fuzzy && !isCjkToken(word) && word.length >= 6 ? 0.15 : false
      },
      filter: (r) => matchesFilters(r, query),
    })
  // Typo tolerance only when the words as typed find less than a page: walking the
  // whole vocabulary for near misses was most of the time of a query at 30k articles.
  let results = search(false)
  if (results.length < query.pageSize) {
    const fuzzy = search(true)
    if (fuzzy.length > results.length) results = fuzzy
  }
  // Title hits first (readers scan headlines), then by relevance within each group.
  // A fuzzy match ("gitcoin" for "bitcoin") is not a title hit.
  const titleHits = new Map(
    results.map((r) => [r, Object.entries(r.match).some(([term, fields]) => fields.includes('title') && tokens.some((t) => term.startsWith(t))) ? 1 : 0]),
  )
  results.sort((a, b) => titleHits.get(b)! - titleHits.get(a)! || byScore(a, b) || b.published - a.published || String(a.id).localeCompare(String(b.id)))
  const totalPages = Math.ceil(results.length / query.pageSize)
  const start = (query.page - 1) * query.pageSize
  const hits = results.slice(start, start + query.pageSize).map(toHit)
  const terms = [...new Set(hits.flatMap((h, i) => results[start + i].terms.map(displayTerm)))]
  return { hits, total: results.length, page: query.page, totalPages, terms }
}

/**
 * Higher score first. Scores that differ only by rounding count as equal: an index
 * updated by later builds sums field lengths in another order than one built at once,
 * and equal results must not swap places because of it. Ties go to the newer article.
 */
function byScore(a: SearchResult, b: SearchResult): number {
  const diff = b.score - a.score
  return Math.abs(diff) <= 1e-9 * Math.max(Math.abs(a.score), Math.abs(b.score)) ? 0 : diff
}

function matchesFilters(r: SearchResult, q: SearchQuery): boolean {
  if (q.source && r.source !== q.source) return false
  if (q.tag && !(r.tags as string[]).includes(q.tag)) return false
  if (q.from !== undefined && (r.published as number) < q.from) return false
  if (q.to !== undefined && (r.published as number) > q.to) return false
  return true
}

function toHit(r: SearchResult): SearchHit {
  return {
    id: String(r.id),
    path: r.path,
    title: r.title,
    excerpt: r.excerpt,
    published: r.published,
    source: r.source,
    tags: r.tags,
    score: r.score,
  }
}
