/** Head metadata for every page kind, built from the same URL functions as the links. */
import type { Metadata } from 'next'
import { siteConfig, type Locale } from '@/site.config'
import { absoluteUrl } from '@/lib/urls'

export interface PageMeta {
  locale: Locale
  /** The page's own title; the site title is appended by the layout's template. */
  title: string
  description?: string
  path: string
  /** This page in each locale where it exists (including its own). */
  alternates?: Partial<Record<Locale, string>>
  noindex?: boolean
}

export function pageMetadata({ locale, title, description, path, alternates, noindex }: PageMeta): Metadata {
  const languages: Record<string, string> = {}
  if (alternates) {
    for (const [l, p] of Object.entries(alternates)) languages[l] = absoluteUrl(p)
    const fallback = alternates[siteConfig.defaultLocale] ?? path
    languages['x-default'] = absoluteUrl(fallback)
  }
  return {
    title,
    description: description || undefined,
    alternates: { canonical: absoluteUrl(path), languages: alternates ? languages : undefined },
    robots: noindex ? { index: false, follow: true } : undefined,
    openGraph: { title, description: description || undefined, url: absoluteUrl(path), siteName: siteConfig.title, locale },
  }
}
