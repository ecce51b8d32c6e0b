/**
 * Sitemaps and robots.txt. `/sitemap.xml` is an index of one sitemap per
 * locale (`/sitemaps/en-1.xml`, split every 50,000 URLs) plus the Google News
 * sitemap (`/sitemaps/news.xml`, continued in news-2.xml… past 1,000
 * articles). Everything here but `loadSitemaps` is a pure function over plain
 * data, so tests need no build.
 */
import { siteConfig, type Locale } from '@/site.config'
import { absoluteUrl, paths, type Taxonomy } from '@/lib/urls'
import { htmlLang, localeToSegment } from '@/lib/i18n'
import { toZonedIso } from '@/lib/dates'
import { getArticles, getTranslations } from '@/lib/content'
import type { ArticleSummary } from '@/lib/content/types'

/** The sitemap protocol's limit per file. */
export const SITEMAP_LIMIT = 50_000
/** Google News reads articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_HOURS = 48
export const NEWS_LIMIT = 1_000

const sitemapPath = (file: string) => `/sitemaps/${file}`

// ---------------------------------------------------------------------------
// Pages

export type SitemapArticle = Pick<ArticleSummary, 'locale' | 'source' | 'path' | 'title' | 'published' | 'modified' | 'tags' | 'categories'>

/** One indexable page in one locale; `translations` are paths of the same page in other locales. */
export interface PageVersion {
  locale: Locale
  path: string
  modified?: Date
  translations: string[]
}

export interface Alternate {
  hreflang: string
  path: string
}

export interface SitemapUrl extends PageVersion {
  alternates: Alternate[]
}

function latest(dates: readonly (Date | undefined)[]): Date | undefined {
  let max: Date | undefined
  for (const d of dates) if (d && (!max || d > max)) max = d
  return max
}

/**
 * Every first page the site renders: home, section, taxonomy indexes, sources,
 * terms and articles (never /page/N/, never search). List pages count as
 * translations of each other when the same list exists in the other locale.
 */
export function sitemapPages<A extends SitemapArticle>(
  byLocale: Partial<Record<Locale, readonly A[]>>,
  translationsOf: (article: A) => { path: string }[],
): PageVersion[] {
  // For every list path of every locale: its articles' latest change.
  const lists = new Map<Locale, Map<string, Date | undefined>>()
  const touch = (locale: Locale, path: string, date?: Date) => {
    const m = lists.get(locale)!
    m.set(path, latest([m.get(path), date]))
  }
  for (const locale of siteConfig.locales) {
    lists.set(locale, new Map())
    const articles = byLocale[locale] ?? []
    const newest = latest(articles.map((a) => a.modified))
    for (const path of [paths.home(locale), paths.section(locale), paths.taxonomy(locale, 'tags'), paths.taxonomy(locale, 'categories')]) {
      touch(locale, path, newest)
    }
    for (const a of articles) {
      touch(locale, paths.source(locale, a.source), a.modified)
      for (const taxonomy of ['tags', 'categories'] as Taxonomy[]) {
        for (const term of a[taxonomy]) touch(locale, paths.term(locale, taxonomy, term.slug), a.modified)
      }
    }
  }
  // A list's path in another locale is its path with the other prefix.
  const unprefixed = (locale: Locale, path: string) => path.slice(siteConfig.localePrefixes[locale].length)
  const pages: PageVersion[] = []
  for (const [locale, m] of lists) {
    for (const [path, modified] of m) {
      const rest = unprefixed(locale, path)
      const translations = siteConfig.locales
        .filter((other) => other !== locale && lists.get(other)!.has(siteConfig.localePrefixes[other] + rest))
        .map((other) => siteConfig.localePrefixes[other] + rest)
      pages.push({ locale, path, modified, translations })
    }
    for (const a of byLocale[locale] ?? []) {
      pages.push({ locale, path: a.path, modified: a.modified, translations: translationsOf(a).map((t) => t.path) })
    }
  }
  return pages
}

/**
 * hreflang groups. Translation links are made symmetric and transitive (if A
 * names B, B lists A too, as search engines ignore one-way links); every URL
 * lists the whole group, itself included, plus x-default: the English version
 * when there is one, otherwise the URL itself. Links to unknown paths are dropped.
 */
export function linkAlternates(pages: readonly PageVersion[]): SitemapUrl[] {
  const parent = new Map(pages.map((p) => [p.path, p.path]))
  const root = (path: string): string => {
    let r = path
    while (parent.get(r) !== r) r = parent.get(r)!
    parent.set(path, r)
    return r
  }
  for (const p of pages) {
    for (const t of p.translations) if (parent.has(t)) parent.set(root(t), root(p.path))
  }
  const groups = new Map<string, PageVersion[]>()
  for (const p of pages) {
    const r = root(p.path)
    const group = groups.get(r)
    if (group) group.push(p)
    else groups.set(r, [p])
  }
  return pages.map((p) => {
    const group = groups.get(root(p.path))!
    const order = (v: PageVersion) => siteConfig.locales.indexOf(v.locale)
    const members = [...group].sort((a, b) => order(a) - order(b))
    const fallback = members.find((m) => m.locale === siteConfig.defaultLocale) ?? p
    return {
      ...p,
      translations: members.filter((m) => m !== p).map((m) => m.path),
      alternates: [
        ...members.map((m) => ({ hreflang: htmlLang(m.locale), path: m.path })),
        { hreflang: 'x-default', path: fallback.path },
      ],
    }
  })
}

// ---------------------------------------------------------------------------
// Files

export interface SitemapFile {
  /** File name under /sitemaps/, e.g. "zh-cn-1.xml". */
  name: string
  path: string
  modified?: Date
  urls: SitemapUrl[]
}

/** Each locale's URLs in files of at most `limit`, named <locale segment>-<n>.xml. */
export function splitSitemaps(urls: readonly SitemapUrl[], limit = SITEMAP_LIMIT): SitemapFile[] {
  const files: SitemapFile[] = []
  for (const locale of siteConfig.locales) {
    const own = urls.filter((u) => u.locale === locale)
    for (let i = 0; i * limit < own.length; i++) {
      const name = `${localeToSegment(locale)}-${i + 1}.xml`
      const chunk = own.slice(i * limit, (i + 1) * limit)
      files.push({ name, path: sitemapPath(name), modified: latest(chunk.map((u) => u.modified)), urls: chunk })
    }
  }
  return files
}

export interface NewsEntry {
  locale: Locale
  path: string
  title: string
  published: Date
}

/** Articles published within `hours` of the newest article of the whole site, newest first. */
export function newsEntries(articles: readonly SitemapArticle[], hours = NEWS_WINDOW_HOURS): NewsEntry[] {
  const newest = latest(articles.map((a) => a.published))
  if (!newest) return []
  const since = newest.getTime() - hours * 3_600_000
  return articles
    .filter((a) => a.published.getTime() >= since)
    .sort((a, b) => b.published.getTime() - a.published.getTime())
    .map(({ locale, path, title, published }) => ({ locale, path, title, published }))
}

export interface NewsFile {
  name: string
  path: string
  modified?: Date
  entries: NewsEntry[]
}

/** news.xml, then news-2.xml… of at most `limit` entries; news.xml exists even when empty. */
export function splitNews(entries: readonly NewsEntry[], limit = NEWS_LIMIT): NewsFile[] {
  const files: NewsFile[] = []
  for (let i = 0; i === 0 || i * limit < entries.length; i++) {
    const name = i === 0 ? 'news.xml' : `news-${i + 1}.xml`
    const chunk = entries.slice(i * limit, (i + 1) * limit)
    files.push({ name, path: sitemapPath(name), modified: latest(chunk.map((e) => e.published)), entries: chunk })
  }
  return files
}

// ---------------------------------------------------------------------------
// XML

// Characters XML 1.0 cannot carry at all.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

export function escapeXml(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c])
}

const loc = (path: string) => escapeXml(absoluteUrl(path))
const lastmod = (date?: Date) => (date ? `<lastmod>${toZonedIso(date)}</lastmod>` : '')
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

export function urlsetXml(urls: readonly SitemapUrl[]): string {
  const body = urls.map((u) => {
    const links = u.alternates.map((a) => `<xhtml:link rel="alternate" hreflang="${escapeXml(a.hreflang)}" href="${loc(a.path)}"/>`)
    return `<url><loc>${loc(u.path)}</loc>${lastmod(u.modified)}${links.join('')}</url>`
  })
  return [
    DECLARATION,
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...body,
    '</urlset>',
    '',
  ].join('\n')
}

export function sitemapIndexXml(files: readonly { path: string; modified?: Date }[]): string {
  return [
    DECLARATION,
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...files.map((f) => `<sitemap><loc>${loc(f.path)}</loc>${lastmod(f.modified)}</sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n')
}

/** Google News knows Chinese as zh-cn (Simplified) and zh-tw (Traditional). */
const NEWS_LANGUAGES: Record<Locale, string> = { en: 'en', 'zh-CN': 'zh-cn', 'zh-HK': 'zh-tw' }

export function newsSitemapXml(entries: readonly NewsEntry[], publication = siteConfig.title): string {
  const body = entries.map((e) => [
    `<url><loc>${loc(e.path)}</loc><news:news>`,
    `<news:publication><news:name>${escapeXml(publication)}</news:name><news:language>${NEWS_LANGUAGES[e.locale]}</news:language></news:publication>`,
    `<news:publication_date>${toZonedIso(e.published)}</news:publication_date>`,
    `<news:title>${escapeXml(e.title)}</news:title>`,
    '</news:news></url>',
  ].join(''))
  return [
    DECLARATION,
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...body,
    '</urlset>',
    '',
  ].join('\n')
}

export function robotsTxt({ disallow, sitemaps }: { disallow: readonly string[]; sitemaps: readonly string[] }): string {
  return [
    'User-agent: *',
    'Allow: /',
    ...disallow.map((p) => `Disallow: ${p}`),
    '',
    ...sitemaps.map((p) => `Sitemap: ${absoluteUrl(p)}`),
    '',
  ].join('\n')
}

// ---------------------------------------------------------------------------
// The site's sitemaps

export interface Sitemaps {
  files: SitemapFile[]
  news: NewsFile[]
  /** Every file under /sitemaps/, as the index and robots.txt list them. */
  listed: { name: string; path: string; modified?: Date }[]
}

export function sitemapsOf<A extends SitemapArticle>(
  byLocale: Partial<Record<Locale, readonly A[]>>,
  translationsOf: (article: A) => { path: string }[],
  limit = SITEMAP_LIMIT,
): Sitemaps {
  const files = splitSitemaps(linkAlternates(sitemapPages(byLocale, translationsOf)), limit)
  const news = splitNews(newsEntries(siteConfig.locales.flatMap((l) => byLocale[l] ?? [])))
  return { files, news, listed: [...files, ...news] }
}

/** The only reader of content here, for the route files. */
export function loadSitemaps(): Sitemaps {
  return sitemapsOf(Object.fromEntries(siteConfig.locales.map((l) => [l, getArticles(l)])), getTranslations)
}

/** The XML of /sitemaps/<name>, or undefined for an unknown name. */
export function sitemapFileXml(sitemaps: Sitemaps, name: string): string | undefined {
  const file = sitemaps.files.find((f) => f.name === name)
  if (file) return urlsetXml(file.urls)
  const news = sitemaps.news.find((f) => f.name === name)
  return news && newsSitemapXml(news.entries)
}

export function siteRobotsTxt(sitemaps: Sitemaps): string {
  return robotsTxt({
    disallow: siteConfig.locales.map((l) => paths.search(l)),
    sitemaps: ['/sitemap.xml', ...sitemaps.listed.map((f) => f.path)],
  })
}

export function xmlResponse(xml: string): Response {
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}
