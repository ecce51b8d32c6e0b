/** schema.org JSON-LD for articles, breadcrumbs and the site's search. */
import { siteConfig, type Locale } from '@/site.config'
import { absoluteUrl, paths } from '@/lib/urls'
import { toZonedIso } from '@/lib/dates'
import type { Article } from '@/lib/content'

const HEADLINE_MAX = 110

function organization() {
  return { '@type': 'Organization', name: siteConfig.title, url: absoluteUrl('/') }
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

export function newsArticleJsonLd(article: Article) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: truncate(article.title, HEADLINE_MAX),
    description: article.summary || article.excerpt || undefined,
    datePublished: toZonedIso(article.published),
    dateModified: toZonedIso(article.modified),
    inLanguage: article.locale,
    image: article.thumbnail ? [article.thumbnail.src] : undefined,
    author: organization(),
    publisher: organization(),
    isBasedOn: article.sourceLink?.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': absoluteUrl(article.path) },
    articleSection: article.categories[0]?.name,
    keywords: article.tags.map((t) => t.name).join(', ') || undefined,
  }
}

export function breadcrumbJsonLd(items: { name: string; path: string }[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: absoluteUrl(item.path) })),
  }
}

export function websiteJsonLd(locale: Locale, name: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name,
    url: absoluteUrl(paths.home(locale)),
    inLanguage: locale,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(paths.search(locale))}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  }
}

/**
 * JSON for a <script> element: `<`, `>`, `&` and the line separators are
 * escaped so a title containing "</script>" cannot close the element.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
