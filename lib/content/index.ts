/**
 * The content module: the only place that reads contentlayer's output (through ./generated).
 * Pages ask it for articles, lists, terms and pages; it owns sorting,
 * pagination, publication rules and the shape of what they get back.
 */
import { generatedStamp, readDocumentBody, readGeneratedArticles } from '@/lib/content/generated'
import { splitSourceLink } from '@/lib/content/source-link'
import { MATH_STYLESHEET } from '@/lib/markdown/math'
import { renderMarkdown } from '@/lib/markdown/render'
import { cachedRender } from '@/lib/content/body-cache'
import { markdownToText } from '@/lib/markdown/text'
import { ContentError, readDevErrors } from '@/lib/content/dev-errors'
import { siteConfig, type Locale } from '@/site.config'
import { paths, type Taxonomy } from '@/lib/urls'
import { buildSiteIndex, type SiteIndex, type SourceDocument } from '@/lib/content/model'
import { paginate } from '@/lib/content/paginate'
import { showsUnpublished } from '@/lib/content/publication'
import { relatedArticles } from '@/lib/content/related'
import type { Article, ArticleBody, ArticleSummary, Paged, TermCount } from '@/lib/content/types'

export type * from '@/lib/content/types'
export { pageNumbers } from '@/lib/content/paginate'

let index: SiteIndex | undefined
let indexStamp = 0

function site(): SiteIndex {
  if (showsUnpublished()) {
    // npm run dev: a saved file with errors is shown in the browser instead of the page.
    const errors = readDevErrors()
    if (errors.length > 0) throw new ContentError(errors)
  }
  // In dev the content watcher rewrites the generated files; re-read them when they change.
  const stamp = showsUnpublished() ? generatedStamp() : 0
  if (!index || stamp !== indexStamp) {
    let docs: SourceDocument[]
    try {
      docs = readGeneratedArticles() as unknown as SourceDocument[]
    } catch (e) {
      // In dev the watcher may be halfway through rewriting the index: keep serving the
      // previous one and read again on the next request.
      if (index && showsUnpublished()) return index
      throw e
    }
    index = buildSiteIndex(docs, { now: Date.now(), showUnpublished: showsUnpublished() })
    indexStamp = stamp
  }
  return index
}

const loc = (locale: Locale) => site().locales[locale]

/** Changes when the content changes (dev); derived caches key on it. */
export function contentStamp(): number {
  site()
  return indexStamp
}

export function getArticles(locale: Locale): readonly Article[] {
  return loc(locale).articles
}

export function getArticlePage(locale: Locale, page: number): Paged<ArticleSummary> | undefined {
  return paginate(loc(locale).articles, page, siteConfig.pageSize)
}

/**
 * `includeUnpublished`: Draft Mode on a deployed site previews drafts and
 * scheduled articles at their URL; they stay out of every list and of the static output.
 */
export function getArticle(locale: Locale, source: string, slug: string, { includeUnpublished = false } = {}): Article | undefined {
  const key = `${locale}/${source}/${slug}`
  return loc(locale).byKey.get(key) ?? (includeUnpublished ? unpublished().get(key) : undefined)
}

let unpublishedByKey: { for: SiteIndex; map: Map<string, Article> } | undefined

function unpublished(): Map<string, Article> {
  const current = site()
  if (unpublishedByKey?.for !== current) unpublishedByKey = { for: current, map: new Map(current.all.map((a) => [a.key, a])) }
  return unpublishedByKey.map
}

export function getRecent(locale: Locale, count = siteConfig.recentCount): readonly ArticleSummary[] {
  return loc(locale).articles.slice(0, count)
}

/** Older and newer neighbours in the locale's list, as Hugo's .PrevInSection/.NextInSection. */
export function getNeighbours(article: Article): { older?: ArticleSummary; newer?: ArticleSummary } {
  const { articles, position } = loc(article.locale)
  const i = position.get(article.key)
  if (i === undefined) return {}
  return { older: articles[i + 1], newer: articles[i - 1] }
}

/** The versions of this article in other locales that exist (same source and slug). */
export function getTranslations(article: Article): { locale: Locale; path: string }[] {
  return article.translations
    .filter((l) => l !== article.locale)
    .filter((l) => getArticle(l, article.source, article.slug))
    .map((l) => ({ locale: l, path: paths.article(l, article.source, article.slug) }))
}

export function listSources(locale: Locale): { source: string; count: number }[] {
  return [...loc(locale).bySource].map(([source, list]) => ({ source, count: list.length })).sort((a, b) => a.source.localeCompare(b.source))
}

export function getSourcePage(locale: Locale, source: string, page: number): Paged<ArticleSummary> | undefined {
  const list = loc(locale).bySource.get(source)
  return list && paginate(list, page, siteConfig.pageSize)
}

const termLists = new WeakMap<object, TermCount[]>()

/** Terms of a taxonomy with their article counts, most used first (computed once per build, not per page). */
export function listTerms(locale: Locale, taxonomy: Taxonomy): TermCount[] {
  const groups = loc(locale).terms[taxonomy]
  let list = termLists.get(groups)
  if (!list) {
    list = [...groups.values()]
      .map(({ name, slug, count }) => ({ name, slug, count }))
      .sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug))
    termLists.set(groups, list)
  }
  return list
}

export function getTerm(locale: Locale, taxonomy: Taxonomy, slug: string): TermCount | undefined {
  const g = loc(locale).terms[taxonomy].get(slug)
  return g && { name: g.name, slug: g.slug, count: g.count }
}

export function getTermPage(locale: Locale, taxonomy: Taxonomy, slug: string, page: number): Paged<ArticleSummary> | undefined {
  const g = loc(locale).terms[taxonomy].get(slug)
  return g && paginate(g.articles, page, siteConfig.pageSize)
}

const menuLists = new WeakMap<readonly Article[], Map<string, readonly ArticleSummary[]>>()

/**
 * Articles that put themselves in a menu (`menu: main`), oldest first like Hugo's weight-less menus.
 * Every page's header asks: found once per locale and menu, not once per page.
 */
export function getMenuArticles(locale: Locale, menu: string): readonly ArticleSummary[] {
  const { articles } = loc(locale)
  let menus = menuLists.get(articles)
  if (!menus) menuLists.set(articles, (menus = new Map()))
  let list = menus.get(menu)
  if (!list) menus.set(menu, (list = articles.filter((a) => a.menus.includes(menu)).reverse()))
  return list
}

// Feeds render the same article for the home, its tags, categories and source.
const bodies = new Map<string, Promise<ArticleBody>>()
const BODY_CACHE = 500

/** The article's body, read from its own file and rendered (sanitized) when a page needs it. */
export function getArticleBody(article: Pick<Article, 'file' | 'mathjax'>): Promise<ArticleBody> {
  const key = `${article.file}|${contentStamp()}`
  let body = bodies.get(key)
  if (!body) {
    const { body: markdown } = splitSourceLink(readDocumentBody(article.file))
    body = cachedRender(`${article.mathjax}\0${markdown}`, () =>
      renderMarkdown(markdown, { math: article.mathjax }).then(({ html, headings }) => ({ html, headings })),
    ).then((rendered) => ({ ...rendered, stylesheets: article.mathjax ? [MATH_STYLESHEET] : [] }))
    if (bodies.size >= BODY_CACHE) bodies.delete(bodies.keys().next().value!)
    bodies.set(key, body)
  }
  return body
}

/** The plain text of an article's body, for the search index. */
export function getArticleText(article: Article): string {
  return markdownToText(splitSourceLink(readDocumentBody(article.file)).body)
}

const positions = new WeakMap<readonly Article[], Map<string, number>>()

function withPositions(articles: readonly Article[]) {
  let position = positions.get(articles)
  if (!position) {
    position = new Map(articles.map((a, i) => [a.key, i]))
    positions.set(articles, position)
  }
  return { articles, position }
}

/** Up to five articles of the same locale that share tags, categories or the source, nearest in time. */
export function getRelated(article: Article): readonly ArticleSummary[] {
  const l = loc(article.locale)
  const lists = [
    ...article.tags.map((t) => l.terms.tags.get(t.slug)?.articles),
    ...article.categories.map((c) => l.terms.categories.get(c.slug)?.articles),
    l.bySource.get(article.source),
  ].filter((list): list is Article[] => Boolean(list))
  return relatedArticles(article, { lists: lists.map(withPositions) })
}

/** Every document the content build produced, whatever its status: for reconciliation. */
export function getAllDocuments(): readonly Article[] {
  return site().all
}

/** One page of a paginated list (home, section, source, tag or category), as a build sees it. */
export interface ListPage {
  path: string
  locale: Locale
  /** The list's own name where it has one: the source, or the term as written. */
  name?: string
  paged: Paged<ArticleSummary>
}

/** Every page of every paginated list: home, section, source and term pages with their /page/N/. */
export function* listPages(): Generator<ListPage> {
  function* pagesOf(locale: Locale, list: readonly Article[], build: (n: number) => string, name?: string) {
    for (let n = 1, paged; (paged = paginate(list, n, siteConfig.pageSize)); n++) yield { path: build(n), locale, name, paged }
  }
  for (const locale of siteConfig.locales) {
    const { articles, bySource, terms } = loc(locale)
    yield* pagesOf(locale, articles, (n) => paths.home(locale, n))
    yield* pagesOf(locale, articles, (n) => paths.section(locale, n))
    for (const [source, list] of bySource) yield* pagesOf(locale, list, (n) => paths.source(locale, source, n), source)
    for (const taxonomy of ['tags', 'categories'] as const) {
      for (const [slug, g] of terms[taxonomy]) yield* pagesOf(locale, g.articles, (n) => paths.term(locale, taxonomy, slug, n), g.name)
    }
  }
}

/** Every list page a build must render: the paginated lists and the taxonomy indexes. */
export function expectedListPaths(): string[] {
  const indexes = siteConfig.locales.flatMap((locale) => (['tags', 'categories'] as const).map((t) => paths.taxonomy(locale, t)))
  return [...Array.from(listPages(), (p) => p.path), ...indexes]
}
