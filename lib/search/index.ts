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
import { buildIndex, loadIndexAsync, runSearch, type SearchDocument, type SearchQuery, type SearchResults } from '@/lib/search/engine'

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

const loaded = new Map<Locale, { stamp: number; index: Promise<MiniSearch<SearchDocument> | undefined> }>()

function getIndex(locale: Locale): Promise<MiniSearch<SearchDocument> | undefined> {
  const dev = showsUnpublished()
  const stamp = dev ? contentStamp() : 0
  const cached = loaded.get(locale)
  if (cached && cached.stamp === stamp) return cached.index
  const index = dev
    ? Promise.resolve(buildIndex(searchDocuments(locale)))
    : // In batches, not in one go: at 30k articles loading an index took its process 6–9 s, and
      // every page that process renders (a search, a 404, a redirect) waited for it.
      fs.promises
        .readFile(searchIndexFile(locale), 'utf8')
        .then(loadIndexAsync)
        .catch(() => undefined) // The page says search is unavailable; the rest of the site keeps serving.
  loaded.set(locale, { stamp, index })
  return index
}

/** undefined when the index is missing (search unavailable), results otherwise. */
export async function search(locale: Locale, query: SearchQuery): Promise<SearchResults | undefined> {
  const index = await getIndex(locale)
  return index && runSearch(index, query)
}
