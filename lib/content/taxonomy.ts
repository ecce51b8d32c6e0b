import { urlize, type Taxonomy } from '@/lib/urls'
import type { ArticleSummary, Term, TermCount } from '@/lib/content/types'

export function toTerms(names: readonly string[]): Term[] {
  const seen = new Set<string>()
  const terms: Term[] = []
  for (const raw of names) {
    const name = String(raw).trim()
    const slug = urlize(name)
    if (!slug || seen.has(slug)) continue
    seen.add(slug)
    terms.push({ name, slug })
  }
  return terms
}

export interface TermGroup<T extends ArticleSummary = ArticleSummary> extends TermCount {
  articles: T[]
}

/**
 * Groups articles by term slug, so "CoinDesk" and "coindesk" share one page.
 * The page is titled with the spelling most articles use (ties: the first seen).
 * `articles` must be sorted already; each group keeps that order.
 */
export function groupByTerm<T extends ArticleSummary>(articles: readonly T[], taxonomy: Taxonomy): Map<string, TermGroup<T>> {
  const groups = new Map<string, TermGroup<T> & { spellings: Map<string, number> }>()
  for (const article of articles) {
    for (const term of article[taxonomy]) {
      let g = groups.get(term.slug)
      if (!g) {
        g = { name: term.name, slug: term.slug, count: 0, articles: [], spellings: new Map() }
        groups.set(term.slug, g)
      }
      g.count++
      g.articles.push(article)
      g.spellings.set(term.name, (g.spellings.get(term.name) ?? 0) + 1)
    }
  }
  const result = new Map<string, TermGroup<T>>()
  for (const [slug, { spellings, ...group }] of groups) {
    let best = group.name
    for (const [name, n] of spellings) if (n > (spellings.get(best) ?? 0)) best = name
    result.set(slug, { ...group, name: best })
  }
  return result
}
