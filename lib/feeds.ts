/**
 * Feeds, written by the `feed` library: RSS 2.0 for the home page and every
 * source, tag and category (`…/index.xml`, Hugo's URL), plus Atom
 * (`atom.xml`) and JSON Feed (`feed.json`) for each home page.
 *
 * `buildFeed` holds plain values (text titles, HTML content). `rss`, `atom`
 * and `json` adapt them to each format, because the formats disagree on what
 * a title is (RSS: text, Atom: type="html", JSON: text) and because the
 * library's XML writer (xml-js) escapes only part of what it writes; the
 * workarounds are in `xmlText`, `cdataText` and `cdataHtml`, and
 * tests/feeds.test.ts parses the output to keep them honest.
 */
import { Feed, type Item } from 'feed'
import { decodeHTMLAttribute, escapeAttribute, escapeUTF8 } from 'entities'
import { getTranslations } from 'next-intl/server'
import { siteConfig, type Locale } from '@/site.config'
import { absoluteUrl, fromParam, parsePath, paths, toPath, type Taxonomy } from '@/lib/urls'
import { localeToSegment } from '@/lib/i18n'
import {
  getArticle, getArticles, getSourcePage, getTerm, getTermPage, listSources, listTerms,
  getArticleBody, type Article, type ArticleBody, type ArticleSummary, type Paged,
} from '@/lib/content'

export const FEED_SIZE = 50

export type FeedFormat = 'rss' | 'atom' | 'json'

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
}

const FEED_FILES: Record<FeedFormat, string> = { rss: 'index.xml', atom: 'atom.xml', json: 'feed.json' }
const FEED_TITLES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' }

/** Home pages offer every format; other lists RSS only, like Hugo did. */
function formatsOf(locale: Locale, listPath: string): FeedFormat[] {
  return listPath === paths.home(locale) ? ['rss', 'atom', 'json'] : ['rss']
}

// ---------------------------------------------------------------------------
// Building

/** An article with its rendered body, which feeds carry in full (readers bring their own styles). */
export type FeedArticle = Article & Omit<ArticleBody, 'stylesheets'>

export interface FeedInput {
  locale: Locale
  title: string
  description?: string
  /** The list page the feed mirrors, e.g. "/zh-cn/tags/ai/". */
  path: string
  /** Newest first is expected but not required; the newest FEED_SIZE are kept. */
  articles: readonly FeedArticle[]
}

const lastChange = (a: Article) => new Date(Math.max(a.published.getTime(), a.modified.getTime()))

export function buildFeed({ locale, title, description, path, articles }: FeedInput): Feed {
  const items = [...articles].sort((a, b) => b.published.getTime() - a.published.getTime()).slice(0, FEED_SIZE)
  const link = absoluteUrl(path)
  const feed = new Feed({
    id: link,
    link,
    title,
    description: description ?? siteConfig.subtitle,
    language: locale,
    // From the content, not the clock, so rebuilding unchanged content changes nothing.
    updated: items.length ? new Date(Math.max(...items.map((a) => lastChange(a).getTime()))) : undefined,
    generator: 'Kanbao',
    feedLinks: Object.fromEntries(formatsOf(locale, path).map((f) => [f, absoluteUrl(path + FEED_FILES[f])])),
    author: { name: siteConfig.author.name, link: absoluteUrl(paths.home(locale)) },
  })
  for (const article of items) feed.addItem(toItem(article))
  return feed
}

function toItem(a: FeedArticle): Item {
  const url = absoluteUrl(a.path)
  const thumbnail = a.thumbnail && URL.canParse(a.thumbnail.src) ? a.thumbnail.src : undefined
  return {
    title: a.title,
    id: url,
    link: url,
    // RSS takes pubDate from `published`; Atom's <updated> and JSON's date_modified from `date`.
    date: lastChange(a),
    published: a.published,
    description: a.summary || a.excerpt || undefined,
    content: absolutizeHtml(a.html, url),
    category: [...a.categories, ...a.tags].map((t) => ({ name: t.name, term: t.slug })),
    enclosure: thumbnail ? { url: thumbnail, type: imageType(thumbnail), length: 0 } : undefined,
  }
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
}

/** The extension that `feed` itself reads a MIME type from (everything after the path's last dot). */
const extensionOf = (url: string) => new URL(url).pathname.split('.').pop()!.toLowerCase()

/** RSS requires a type; many source CDNs use extensionless URLs, which are JPEG far more often than not. */
function imageType(url: string): string {
  return IMAGE_TYPES[extensionOf(url)] ?? 'image/jpeg'
}

// Inside a start tag; text never holds a raw "<" in serialized HTML, so this only sees real tags.
const START_TAG = /<[a-zA-Z][^\s/>]*(?:\s+[^\s"'=<>/]+(?:="[^"]*")?)*\s*\/?>/g
const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite)=")([^"]*)"/g

/**
 * Feed readers resolve relative URLs against the feed, not the article, so
 * make them absolute. The markdown pipeline already keeps only absolute URLs,
 * `mailto:` and `#fragment` links; fragments are the case that remains.
 */
export function absolutizeHtml(html: string, base: string): string {
  return html.replace(START_TAG, (tag) =>
    tag.replace(URL_ATTRIBUTE, (whole, start: string, raw: string) => {
      const value = decodeHTMLAttribute(raw).trim()
      if (/^[a-z][a-z\d+.-]*:/i.test(value) || !URL.canParse(value, base)) return whole
      return `${start}${escapeAttribute(new URL(value, base).href)}"`
    }),
  )
}

// ---------------------------------------------------------------------------
// Serializing

// Characters XML 1.0 cannot carry at all, not even in CDATA.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const xmlChars = (s: string) => s.replace(NOT_XML, '')

/** Element text: xml-js turns "&amp;" back into "&" before escaping, which would eat a literal "&amp;". */
const xmlText = (s: string) => xmlChars(s).replace(/&/g, '&amp;')

/** Text in CDATA: xml-js splits only the first "]]>"; split the later ones the same way. */
function cdataText(s: string): string {
  let first = true
  return xmlChars(s).replace(/]]>/g, (m) => (first ? ((first = false), m) : ']]]]><![CDATA[>'))
}

/** HTML in CDATA: ">" and "&gt;" mean the same in HTML, and "]]&gt;" cannot end the section. */
const cdataHtml = (html: string) => xmlChars(html).replace(/]]>/g, ']]&gt;')

/** Plain text where the format expects HTML (RSS description, Atom type="html"). */
const textAsHtml = (s: string) => escapeUTF8(xmlChars(s))

function derive(feed: Feed, adapt: (item: Item) => Item, options: Partial<Feed['options']> = {}): Feed {
  const out = new Feed({ ...feed.options, ...options })
  for (const item of feed.items) out.addItem(adapt(item))
  return out
}

function textOptions(feed: Feed): Partial<Feed['options']> {
  const { title, description, author } = feed.options
  return {
    title: xmlText(title),
    description: description === undefined ? undefined : xmlText(description),
    author: author && { ...author, name: author.name === undefined ? undefined : xmlText(author.name) },
  }
}

export function rss(feed: Feed): string {
  return derive(feed, (item) => ({
    ...item,
    title: cdataText(item.title),
    description: item.description === undefined ? undefined : textAsHtml(item.description),
    content: item.content === undefined ? undefined : cdataHtml(item.content),
    category: item.category?.map((c) => ({ name: c.name === undefined ? undefined : xmlText(c.name) })),
  }), textOptions(feed)).rss2()
}

export function atom(feed: Feed): string {
  const xml = derive(feed, (item) => ({
    ...item,
    title: textAsHtml(item.title),
    description: item.description === undefined ? undefined : textAsHtml(item.description),
    content: item.content === undefined ? undefined : cdataHtml(item.content),
    // `feed` escapes "&" in the label attribute and xml-js escapes quotes, but nothing escapes "<":
    // leave such a label out (it is optional; the term is the slug, which never holds one).
    category: item.category?.map((c) => ({ term: c.term, name: c.name && !c.name.includes('<') ? xmlChars(c.name) : undefined })),
    // `feed` writes Atom's enclosure type from the URL's extension; without a real one it writes garbage.
    enclosure: item.enclosure && IMAGE_TYPES[extensionOf(item.enclosure.url)] ? item.enclosure : undefined,
  }), textOptions(feed)).atom1()
  // `feed` writes no language into Atom; it belongs in xml:lang on the root.
  const root = '<feed xmlns="http://www.w3.org/2005/Atom">'
  const language = feed.options.language
  return language ? xml.replace(root, `${root.slice(0, -1)} xml:lang="${escapeAttribute(language)}">`) : xml
}

/** JSON Feed 1.1: `feed` writes 1.0, which has no `language` and a single `author`. */
export function json(feed: Feed): string {
  const { author, ...doc } = JSON.parse(
    derive(feed, ({ enclosure, ...item }) => ({ ...item, image: enclosure?.url })).json1(),
  ) as Record<string, unknown>
  return JSON.stringify(
    { ...doc, version: 'https://jsonfeed.org/version/1.1', language: feed.options.language, authors: author ? [author] : undefined },
    null,
    2,
  )
}

const SERIALIZERS: Record<FeedFormat, (feed: Feed) => string> = { rss, atom, json }

// ---------------------------------------------------------------------------
// Links pages advertise

export interface FeedLink {
  rel: 'alternate'
  type: string
  href: string
  title: string
}

/**
 * The `<link rel="alternate">` feeds a list page advertises: RSS, Atom and
 * JSON on the home page, RSS on source, tag and category pages (their /page/N/
 * pages point to the first page's feed), nothing elsewhere.
 */
export function feedLinks(locale: Locale, listPath: string): FeedLink[] {
  const parsed = parsePath(listPath)
  if (!parsed || (parsed.kind !== 'home' && parsed.kind !== 'source' && parsed.kind !== 'term')) return []
  const first = toPath({ ...parsed, page: 1 })
  return formatsOf(locale, first).map((format) => ({
    rel: 'alternate',
    type: FEED_TYPES[format],
    href: absoluteUrl(first + FEED_FILES[format]),
    title: FEED_TITLES[format],
  }))
}

/** The same links in the shape of Next's `metadata.alternates.types`. */
export function feedAlternateTypes(links: readonly FeedLink[]): Record<string, { url: string; title: string }[]> {
  const types: Record<string, { url: string; title: string }[]> = {}
  for (const { type, href, title } of links) (types[type] ??= []).push({ url: href, title })
  return types
}

// ---------------------------------------------------------------------------
// Route glue: the only part that reads content and messages.

export type FeedList =
  | { kind: 'home' }
  | { kind: 'source'; source: string }
  | { kind: 'term'; taxonomy: Taxonomy; slug: string }

/** The newest FEED_SIZE articles of a paginated list, with their bodies. */
function newestOf(locale: Locale, pageOf: (page: number) => Paged<ArticleSummary> | undefined): Article[] {
  const out: Article[] = []
  for (let n = 1; out.length < FEED_SIZE; n++) {
    const page = pageOf(n)
    if (!page) break
    for (const s of page.items) {
      const article = getArticle(locale, s.source, s.slug)
      if (article) out.push(article)
    }
    if (n >= page.totalPages) break
  }
  return out.slice(0, FEED_SIZE)
}

const withBodies = (articles: readonly Article[]): Promise<FeedArticle[]> =>
  Promise.all(articles.map(async (a) => ({ ...a, ...(await getArticleBody(a)) })))

/** The feed of a list, or undefined when the list does not exist in that locale. */
export async function loadFeed(locale: Locale, list: FeedList): Promise<Feed | undefined> {
  const site = await getTranslations({ locale, namespace: 'site' })
  const t = await getTranslations({ locale, namespace: 'list' })
  const siteTitle = site('title')
  const description = site('subtitle')
  if (list.kind === 'home') {
    return buildFeed({ locale, title: siteTitle, description, path: paths.home(locale), articles: await withBodies(getArticles(locale).slice(0, FEED_SIZE)) })
  }
  if (list.kind === 'source') {
    if (!getSourcePage(locale, list.source, 1)) return undefined
    const articles = await withBodies(newestOf(locale, (n) => getSourcePage(locale, list.source, n)))
    return buildFeed({ locale, title: `${t('source', { name: list.source })} – ${siteTitle}`, description, path: paths.source(locale, list.source), articles })
  }
  const term = getTerm(locale, list.taxonomy, list.slug)
  if (!term) return undefined
  const articles = await withBodies(newestOf(locale, (n) => getTermPage(locale, list.taxonomy, list.slug, n)))
  const label = t(list.taxonomy === 'tags' ? 'tag' : 'category', { name: term.name })
  return buildFeed({ locale, title: `${label} – ${siteTitle}`, description, path: paths.term(locale, list.taxonomy, list.slug), articles })
}

type FeedParams = Record<string, string>

/**
 * A GET handler for one feed format. Params arrive percent-encoded; `list`
 * gets them decoded, without the locale.
 */
export function feedHandler(format: FeedFormat, list: (params: FeedParams) => FeedList) {
  return async function GET(_request: Request, { params }: { params: Promise<FeedParams> }): Promise<Response> {
    const { locale: segment, ...rest } = await params
    const locale = siteConfig.locales.find((l) => localeToSegment(l) === segment)
    const decoded = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, fromParam(v)]))
    const feed = locale && !Object.values(decoded).includes(undefined) ? await loadFeed(locale, list(decoded as FeedParams)) : undefined
    if (!feed) return new Response('Not Found', { status: 404 })
    return new Response(SERIALIZERS[format](feed), { headers: { 'Content-Type': `${FEED_TYPES[format]}; charset=utf-8` } })
  }
}

// Complete params, locale included, from the leaf (next.js#95166).
export const homeFeedParams = () => siteConfig.locales.map((l) => ({ locale: localeToSegment(l) }))

export const sourceFeedParams = () =>
  siteConfig.locales.flatMap((l) => listSources(l).map(({ source }) => ({ locale: localeToSegment(l), source })))

export const termFeedParams = (taxonomy: Taxonomy) =>
  siteConfig.locales.flatMap((l) => listTerms(l, taxonomy).map(({ slug }) => ({ locale: localeToSegment(l), term: slug })))
