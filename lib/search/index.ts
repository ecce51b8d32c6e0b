/**
 * Search over the site's articles: the per-locale index is built once by the
 * production build (lib/search/build.ts) and loaded once per server
 * process; `next dev` builds it in memory from the current content instead.
 */
import fs from 'node:fs'
import path from 'node:path'
import type MiniSearch from 'minisearch'
import type { Locale } from '@/site.config'
import { contentStamp, getArticles, getArticleText } from '@/lib/content'
import { showsUnpublished } from '@/lib/content/publication'
import { buildIndex, loadIndex, runSearch, type SearchDocument, type SearchQuery, type SearchResults } from '@/lib/search/engine'

export type { SearchQuery, SearchResults, SearchHit } from '@/lib/search/engine'
export { highlight } from '@/lib/search/highlight'

export function searchIndexFile(locale: Locale, dist = process.env.NEXT_DIST_DIR || '.next'): string {
  return path.resolve(dist, 'kanbao', `search-${locale}.json`)
}

export function searchDocuments(locale: Locale): SearchDocument[] {
  return getArticles(locale).map((a) => ({
    id: a.key,
    path: a.path,
    title: a.title,
    summary: a.summary,
    body: getArticleText(a),
    excerpt: a.summary || a.excerpt,
    published: a.published.getTime(),
    source: a.source,
    tags: a.tags.map((t) => t.slug),
  }))
}

const loaded = new Map<Locale, { stamp: number; index: MiniSearch<SearchDocument> | undefined }>()

function getIndex(locale: Locale): MiniSearch<SearchDocument> | undefined {
  const dev = showsUnpublished()
  const stamp = dev ? contentStamp() : 0
  const cached = loaded.get(locale)
  if (cached && cached.stamp === stamp) return cached.index
  let index: MiniSearch<SearchDocument> | undefined
  if (dev) index = buildIndex(searchDocuments(locale))
  else {
    try {
      index = loadIndex(fs.readFileSync(searchIndexFile(locale), 'utf8'))
    } catch {
      index = undefined // The page says search is unavailable; the rest of the site keeps serving.
    }
  }
  loaded.set(locale, { stamp, index })
  return index
}

/** undefined when the index is missing (search unavailable), results otherwise. */
export function search(locale: Locale, query: SearchQuery): SearchResults | undefined {
  const index = getIndex(locale)
  return index && runSearch(index, query)
}
