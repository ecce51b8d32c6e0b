/**
 * The search engine: MiniSearch over per-locale documents, with the CJK-aware
 * tokens of ./tokenize. Plain functions: build, serialize, load, query.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch'
import { displayTerm, indexTerm, isCjkToken, tokenizeDocument, tokenizeQuery } from '@/lib/search/tokenize'

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

const options: Options<SearchDocument> = {
  fields: ['title', 'summary', 'body'],
  storeFields: ['path', 'title', 'excerpt', 'published', 'source', 'tags'],
  tokenize: (text) => tokenizeDocument(text).map(indexTerm),
  processTerm: (term) => term,
}

export function buildIndex(docs: readonly SearchDocument[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(options)
  index.addAll(docs as SearchDocument[])
  return index
}

export function serializeIndex(index: MiniSearch<SearchDocument>): string {
  return JSON.stringify(index)
}

export function loadIndex(json: string): MiniSearch<SearchDocument> {
  return MiniSearch.loadJSON<SearchDocument>(json, options)
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
  results.sort((a, b) => titleHits.get(b)! - titleHits.get(a)! || b.score - a.score)
  const totalPages = Math.ceil(results.length / query.pageSize)
  const start = (query.page - 1) * query.pageSize
  const hits = results.slice(start, start + query.pageSize).map(toHit)
  const terms = [...new Set(hits.flatMap((h, i) => results[start + i].terms.map(displayTerm)))]
  return { hits, total: results.length, page: query.page, totalPages, terms }
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
