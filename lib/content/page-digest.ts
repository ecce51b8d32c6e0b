/**
 * What a page is made of, as a digest: an incremental build (scripts/incremental.ts)
 * keeps the previous build's page when its digest has not changed.
 * - An article page's covers everything the article route reads from the content:
 *   the article, its body, its neighbours, related articles and translations, the
 *   header's menu entries.
 * - A list page's (home, section, source, tag, category, with /page/N/) covers the
 *   list's name, the articles on the page, the page count and the menu entries.
 *   A new article shifts every page of the lists it joins; other lists are kept.
 * Neither covers the sidebar's site-wide lists (recent articles, tag and category
 * lists). Those change with every new article and most pages show them, so
 * counting them would re-render the whole site for one new article: a kept page
 * shows them as of the build that rendered it, until a full build (the deploy
 * recipe in the README runs one daily).
 * What they link to must still exist, which `linkTargets` lets the build check.
 * Code and settings are covered by the build's code fingerprint (scripts/fingerprint.mjs).
 * Over-approximating is safe (a page is rendered again); missing an input is not.
 */
import crypto from 'node:crypto'
import { readDocumentBody } from '@/lib/content/generated'
import { getArticles, getMenuArticles, getNeighbours, getRelated, getTranslations, listPages, listTerms } from '@/lib/content'
import type { Article, ArticleSummary, Locale } from '@/lib/content/types'
import { paths } from '@/lib/urls'
import { siteConfig } from '@/site.config'

/**
 * What an article page reads, with every other article (neighbours, related) and the
 * body standing in as their digests: each article is a neighbour or related article of
 * several others, and digesting it once is most of what planning a 30k build cost.
 */
export function articlePageInputs(article: Article): unknown {
  const { older, newer } = getNeighbours(article)
  return {
    article: summaryDigest(article),
    body: digestOf(readDocumentBody(article.file)),
    neighbours: { older: older && summaryDigest(older), newer: newer && summaryDigest(newer) },
    related: getRelated(article).map(summaryDigest),
    translations: getTranslations(article),
    menu: menuDigest(article.locale),
  }
}

const digestOf = (inputs: unknown) => crypto.createHash('sha256').update(JSON.stringify(inputs)).digest('base64url').slice(0, 22)

// An article is on several lists and pages, and the plan digests both: each one once per
// loaded site (lib/content gives the same objects until the content changes).
const summaryDigests = new WeakMap<ArticleSummary, string>()
function summaryDigest(a: ArticleSummary): string {
  return summaryDigests.get(a) ?? summaryDigests.set(a, digestOf(a)).get(a)!
}
const menuDigests = new WeakMap<readonly ArticleSummary[], string>()
function menuDigest(locale: Locale): string {
  const menu = getMenuArticles(locale, 'main')
  return menuDigests.get(menu) ?? menuDigests.set(menu, digestOf(menu)).get(menu)!
}

/** Article path → digest, for every published article. */
export function articlePageDigests(): Map<string, string> {
  return new Map(siteConfig.locales.flatMap((locale) => getArticles(locale).map((a) => [a.path, digestOf(articlePageInputs(a))] as const)))
}

/** List page path → digest, for every page of every paginated list. */
export function listPageDigests(): Map<string, string> {
  const out = new Map<string, string>()
  for (const { path, locale, name, paged } of listPages()) {
    const { page, totalPages, totalItems } = paged
    out.set(path, digestOf({ name, page, totalPages, totalItems, items: paged.items.map(summaryDigest), menu: menuDigest(locale) }))
  }
  return out
}

/** Pages the sidebar's lists link to besides articles: every tag's and category's first page. */
export function linkTargets(): string[] {
  return siteConfig.locales.flatMap((locale) =>
    (['tags', 'categories'] as const).flatMap((taxonomy) => listTerms(locale, taxonomy).map((t) => paths.term(locale, taxonomy, t.slug))),
  )
}
