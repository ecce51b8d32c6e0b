/**
 * Turns content-build documents into the app's Article objects and the
 * per-locale indexes every page queries. Pure: tests feed it plain objects.
 */
import { siteConfig, type Locale, type SidebarPosition, type WidgetName } from '@/site.config'
import { isLocale } from '@/lib/i18n'
import { cleanText } from '@/lib/text'
import { publicationStatus } from '@/lib/content/publication'
import { groupByTerm, toTerms, type TermGroup } from '@/lib/content/taxonomy'
import type { DerivedArticle } from '@/lib/content/derive'
import type { Article, Thumbnail } from '@/lib/content/types'
import type { Taxonomy } from '@/lib/urls'

/** The fields of a generated document this module reads. */
export interface SourceDocument {
  title: string
  summary?: string
  lead?: string
  draft?: boolean
  translations?: string[]
  categories?: string[]
  tags?: string[]
  menu?: unknown
  thumbnail?: unknown
  sidebar?: unknown
  widgets?: string[]
  pager?: boolean
  authorbox?: boolean
  comments?: boolean
  toc?: boolean
  mathjax?: boolean
  locale: string
  source: string
  slug: string
  url: string
  derived: DerivedArticle
  _raw: { sourceFilePath: string }
}

const WIDGETS: readonly WidgetName[] = ['search', 'recent', 'taglist', 'categories', 'languages', 'social']

export function normalizeThumbnail(value: unknown): Thumbnail | undefined {
  const obj = typeof value === 'object' && value !== null ? (value as { src?: unknown; visibility?: unknown }) : undefined
  const src = typeof value === 'string' ? value : typeof obj?.src === 'string' ? obj.src : ''
  const url = src.trim().replace(/^\/\//, 'https://')
  if (!/^https?:\/\//i.test(url)) return undefined
  const visibility = Array.isArray(obj?.visibility) ? obj.visibility.map(String) : siteConfig.thumbnail.visibility
  return { src: url, inList: visibility.includes('list'), inPost: visibility.includes('post') }
}

export function normalizeMenus(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
  return list.map((m) => String(m).trim()).filter(Boolean)
}

export function normalizeSidebar(value: unknown, fallback: SidebarPosition): SidebarPosition {
  if (value === false || value === 'none' || value === 'false') return 'none'
  return value === 'left' || value === 'right' ? value : fallback
}

export function normalizeWidgets(value: string[] | undefined): WidgetName[] {
  if (!value) return siteConfig.widgets
  return value.filter((w): w is WidgetName => (WIDGETS as readonly string[]).includes(w))
}

export function toArticle(doc: SourceDocument, now: number): Article {
  const d = doc.derived
  const locale = doc.locale as Locale
  return {
    key: `${locale}/${doc.source}/${doc.slug}`,
    locale,
    source: doc.source,
    slug: doc.slug,
    path: doc.url,
    title: cleanText(doc.title),
    summary: cleanText(doc.summary),
    excerpt: d.excerpt,
    lead: cleanText(doc.lead),
    published: new Date(d.published),
    modified: new Date(d.modified),
    status: publicationStatus({ draft: doc.draft, published: d.published, expires: d.expires }, now),
    categories: toTerms(doc.categories ?? []),
    tags: toTerms(doc.tags ?? []),
    thumbnail: normalizeThumbnail(doc.thumbnail),
    readingMinutes: d.readingMinutes,
    translations: (doc.translations ?? []).filter(isLocale),
    menus: normalizeMenus(doc.menu),
    file: doc._raw.sourceFilePath,
    sourceLink: d.sourceLink ?? undefined,
    sidebar: normalizeSidebar(doc.sidebar, siteConfig.sidebar.single),
    widgets: normalizeWidgets(doc.widgets),
    pager: doc.pager ?? true,
    authorbox: doc.authorbox ?? false,
    comments: doc.comments ?? false,
    toc: doc.toc ?? false,
    mathjax: doc.mathjax ?? false,
  }
}

/** Newest first; ties broken by path so every build orders the same way. */
export function byDateDesc(a: Article, b: Article): number {
  return b.published.getTime() - a.published.getTime() || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
}

export interface LocaleIndex {
  articles: Article[]
  byKey: Map<string, Article>
  bySource: Map<string, Article[]>
  terms: Record<Taxonomy, Map<string, TermGroup<Article>>>
  /** Position of each article in `articles`, for prev/next. */
  position: Map<string, number>
}

export interface SiteIndex {
  locales: Record<Locale, LocaleIndex>
  /** Every document read, visible or not, for reconciliation. */
  all: Article[]
}

export function buildSiteIndex(docs: readonly SourceDocument[], options: { now: number; showUnpublished: boolean }): SiteIndex {
  const all = docs.map((doc) => toArticle(doc, options.now)).sort(byDateDesc)
  const visible = options.showUnpublished ? all : all.filter((a) => a.status === 'published')
  const locales = {} as Record<Locale, LocaleIndex>
  for (const locale of siteConfig.locales) {
    const articles = visible.filter((a) => a.locale === locale)
    const bySource = new Map<string, Article[]>()
    for (const a of articles) {
      const list = bySource.get(a.source) ?? []
      list.push(a)
      bySource.set(a.source, list)
    }
    locales[locale] = {
      articles,
      byKey: new Map(articles.map((a) => [a.key, a])),
      bySource,
      terms: { tags: groupByTerm(articles, 'tags'), categories: groupByTerm(articles, 'categories') },
      position: new Map(articles.map((a, i) => [a.key, i])),
    }
  }
  return { locales, all }
}
