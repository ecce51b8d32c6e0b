/**
 * What an article page is made of, as a digest: an incremental build
 * (scripts/incremental.ts) keeps the previous build's page for an article whose
 * digest has not changed. It covers everything the article route reads from the
 * content — the article, its body, its neighbours, related articles and
 * translations, the header's menu entries — except the sidebar's site-wide
 * lists (recent articles, tag and category lists). Those change with every new
 * article and every article shows them, so counting them would re-render the
 * whole site for one new article: a kept page shows them as of the build that
 * rendered it, until a full build (the deploy recipe in the README runs one daily).
 * What they link to must still exist, which `linkTargets` lets the build check.
 * Code and settings are covered by the build's code fingerprint (scripts/fingerprint.mjs).
 * Over-approximating is safe (a page is rendered again); missing an input is not.
 */
import crypto from 'node:crypto'
import { readDocumentBody } from '@/lib/content/generated'
import { getArticles, getMenuArticles, getNeighbours, getRelated, getTranslations, listTerms } from '@/lib/content'
import type { Article } from '@/lib/content/types'
import { paths } from '@/lib/urls'
import { siteConfig } from '@/site.config'

export function articlePageInputs(article: Article): unknown {
  return {
    article,
    body: readDocumentBody(article.file),
    neighbours: getNeighbours(article),
    related: getRelated(article),
    translations: getTranslations(article),
    menu: getMenuArticles(article.locale, 'main'),
  }
}

export function articlePageDigest(article: Article): string {
  return crypto.createHash('sha256').update(JSON.stringify(articlePageInputs(article))).digest('base64url').slice(0, 22)
}

/** Article path → digest, for every published article. */
export function articlePageDigests(): Map<string, string> {
  return new Map(siteConfig.locales.flatMap((locale) => getArticles(locale).map((a) => [a.path, articlePageDigest(a)] as const)))
}

/** Pages the sidebar's lists link to besides articles: every tag's and category's first page. */
export function linkTargets(): string[] {
  return siteConfig.locales.flatMap((locale) =>
    (['tags', 'categories'] as const).flatMap((taxonomy) => listTerms(locale, taxonomy).map((t) => paths.term(locale, taxonomy, t.slug))),
  )
}
