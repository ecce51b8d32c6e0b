/** Head metadata for every page kind, built from the same URL functions as the links. */
import type { Metadata } from 'next'
import { siteConfig, type Locale } from '@/site.config'
import { absoluteUrl } from '@/lib/urls'
import { ogLocale } from '@/lib/i18n'
import { toZonedIso } from '@/lib/dates'
import { feedAlternateTypes, type FeedLink } from '@/lib/feeds'

export interface ArticleMeta {
  published: Date
  modified: Date
  section?: string
  tags: string[]
  image?: string
}

export interface PageMeta {
  locale: Locale
  /** The page's own title; the layout's template appends the site title. */
  title: string
  description?: string
  path: string
  /** This page in each locale where it exists (its own included). */
  alternates?: Partial<Record<Locale, string>>
  /** Feeds the page advertises with <link rel="alternate">. */
  feeds?: readonly FeedLink[]
  article?: ArticleMeta
  noindex?: boolean
}

export function pageMetadata({ locale, title, description, path, alternates, feeds, article, noindex }: PageMeta): Metadata {
  const url = absoluteUrl(path)
  let languages: Record<string, string> | undefined
  if (alternates) {
    languages = {}
    for (const l of siteConfig.locales) if (alternates[l]) languages[l] = absoluteUrl(alternates[l]!)
    languages['x-default'] = absoluteUrl(alternates[siteConfig.defaultLocale] ?? path)
  }
  const types = feeds && feedAlternateTypes(feeds)
  const images = article?.image ? [{ url: article.image }] : undefined
  return {
    title,
    description: description || undefined,
    alternates: { canonical: url, languages, types },
    robots: noindex ? { index: false, follow: true } : undefined,
    openGraph: {
      type: article ? 'article' : 'website',
      title,
      description: description || undefined,
      url,
      siteName: siteConfig.title,
      locale: ogLocale(locale),
      images,
      ...(article && {
        publishedTime: toZonedIso(article.published),
        modifiedTime: toZonedIso(article.modified),
        section: article.section,
        tags: article.tags,
      }),
    },
    twitter: { card: images ? 'summary_large_image' : 'summary', title, description: description || undefined, images: images?.map((i) => i.url) },
  }
}
