/**
 * Related articles: same locale, scored by shared tags, categories and source,
 * closest in time first. Candidates come from a window around the article in
 * each of its term lists (already sorted by date), so the cost per article is
 * bounded however large a tag grows ("Reuters" has thousands of articles).
 */
import type { Article } from '@/lib/content/types'

export const RELATED_COUNT = 5
const WINDOW = 12
const WEIGHTS = { tags: 3, categories: 2, source: 1 }

export interface RelatedGroups {
  /** Lists the article belongs to, each sorted newest first, with positions. */
  lists: { articles: readonly Article[]; position: Map<string, number> }[]
}

function score(a: Article, b: Article): number {
  const shared = (x: { slug: string }[], y: { slug: string }[]) => x.filter((t) => y.some((u) => u.slug === t.slug)).length
  return WEIGHTS.tags * shared(a.tags, b.tags) + WEIGHTS.categories * shared(a.categories, b.categories) + (a.source === b.source ? WEIGHTS.source : 0)
}

export function relatedArticles(article: Article, groups: RelatedGroups, count = RELATED_COUNT): Article[] {
  const candidates = new Map<string, Article>()
  for (const { articles, position } of groups.lists) {
    const i = position.get(article.key)
    if (i === undefined) continue
    for (let j = Math.max(0, i - WINDOW); j <= Math.min(articles.length - 1, i + WINDOW); j++) {
      if (j !== i) candidates.set(articles[j].key, articles[j])
    }
  }
  const t = article.published.getTime()
  return [...candidates.values()]
    .map((c) => ({ c, s: score(article, c), d: Math.abs(c.published.getTime() - t) }))
    .filter((x) => x.s > 0)
    .sort((x, y) => y.s - x.s || x.d - y.d || (x.c.key < y.c.key ? -1 : 1))
    .slice(0, count)
    .map((x) => x.c)
}
