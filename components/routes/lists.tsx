/**
 * Route modules for every paginated list (home, section, source, tag,
 * category). Each list kind says how to load one page; this file turns that
 * into the first-page and /page/N/ route exports, so the app/ files stay thin.
 */
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { siteConfig, type Locale, type PageKind } from '@/site.config'
import {
  getArticlePage, getSourcePage, getTerm, getTermPage, listSources, listTerms, pageNumbers,
  type ArticleSummary, type Paged,
} from '@/lib/content'
import { paths, type Taxonomy } from '@/lib/urls'
import { pageMetadata } from '@/lib/metadata'
import { feedLinks } from '@/lib/feeds'
import { websiteJsonLd } from '@/lib/structured-data'
import { JsonLd } from '@/components/JsonLd'
import { localeParams, readLocale, readPage, readSegment } from '@/components/routes/params'
import { localeToSegment } from '@/lib/i18n'
import { rendersPage } from '@/lib/content/build-plan'
import { PageLayout } from '@/components/layout/PageLayout'
import { ArticleCard } from '@/components/article/ArticleCard'
import { Pagination } from '@/components/Pagination'

interface LoadedList {
  title: string
  kind: PageKind
  paged: Paged<ArticleSummary>
  href: (page: number) => string
  /** The same list in every locale (home, section): hreflang alternates of its first page. */
  everyLocale?: (locale: Locale) => string
  jsonLd?: unknown
}

function alternatesOf(list: LoadedList): Partial<Record<Locale, string>> | undefined {
  if (!list.everyLocale || list.paged.page > 1) return undefined
  return Object.fromEntries(siteConfig.locales.map((l) => [l, list.everyLocale!(l)]))
}

type Params = Record<string, string>

interface ListKind<P extends Params> {
  /** Own params of the first page, per locale (the locale segment comes from the layout). */
  params: (locale: Locale) => P[]
  load: (locale: Locale, params: P, page: number) => Promise<LoadedList | undefined>
}

type RouteProps<P> = { params: Promise<P & { locale: string; n?: string }> }

async function resolve<P extends Params>(kind: ListKind<P>, props: RouteProps<P>) {
  const { locale: segment, n: pageParam, ...rest } = await props.params
  const locale = readLocale(segment)
  const own = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, readSegment(v as string)])) as P
  const page = readPage(pageParam)
  // /page/1/ is the first page's alias: the redirect lives in next.config.
  if (pageParam !== undefined && page === 1) notFound()
  const list = await kind.load(locale, own, page)
  if (!list) notFound()
  return { locale, list }
}

function makeRoute<P extends Params>(kind: ListKind<P>, paged: boolean) {
  async function Page(props: RouteProps<P>) {
    const { locale, list } = await resolve(kind, props)
    const t = await getTranslations({ locale, namespace: 'list' })
    return (
      <PageLayout locale={locale} sidebar={siteConfig.sidebar[list.kind]} widgets={siteConfig.widgets} alternates={alternatesOf(list)}>
        {list.jsonLd !== undefined && list.paged.page === 1 && <JsonLd data={list.jsonLd} />}
        <header className="list-header">
          <h1 className="list-title">{list.title}</h1>
          <p className="list-count">{t('count', { count: list.paged.totalItems })}</p>
        </header>
        {list.paged.items.length === 0 ? <p>{t('empty')}</p> : list.paged.items.map((a) => <ArticleCard key={a.key} article={a} />)}
        <Pagination locale={locale} page={list.paged.page} totalPages={list.paged.totalPages} href={list.href} />
      </PageLayout>
    )
  }
  async function generateMetadata(props: RouteProps<P>): Promise<Metadata> {
    const { locale, list } = await resolve(kind, props)
    const title = list.paged.page > 1 ? `${list.title} (${list.paged.page})` : list.title
    const path = list.href(list.paged.page)
    const t = await getTranslations({ locale })
    // Search results show a description; a list's says what it holds and whose site it is.
    const description = `${list.title} · ${t('list.count', { count: list.paged.totalItems })} · ${t('site.title')}: ${t('site.subtitle')}`
    return pageMetadata({ locale, title, description, path, feeds: feedLinks(locale, path), alternates: alternatesOf(list) })
  }
  // Complete params (locale included) from the leaf: Next drops every page of a route
  // when a child's generateStaticParams returns [] for one parent value (next.js#95166).
  // An incremental build leaves out the pages it keeps from the previous one.
  async function generateStaticParams() {
    const out: (P & { locale: string; n?: string })[] = []
    for (const locale of siteConfig.locales) {
      for (const p of kind.params(locale)) {
        const first = await kind.load(locale, p, 1)
        if (!first) continue
        const own = { ...p, locale: localeToSegment(locale) }
        if (!paged) {
          if (rendersPage(first.href(1))) out.push(own)
        } else {
          for (const n of pageNumbers(first.paged.totalItems, siteConfig.pageSize).slice(1)) {
            if (rendersPage(first.href(n))) out.push({ ...own, n: String(n) })
          }
        }
      }
    }
    return out
  }
  return { Page, generateMetadata, generateStaticParams }
}

function listRoutes<P extends Params>(kind: ListKind<P>) {
  return { first: makeRoute(kind, false), paged: makeRoute(kind, true) }
}

const none = () => [{}]

export const homeRoutes = listRoutes({
  params: none,
  async load(locale, _p, page) {
    const paged = getArticlePage(locale, page)
    const t = await getTranslations({ locale })
    return paged && {
      title: t('list.latest'),
      kind: 'home',
      paged,
      href: (n) => paths.home(locale, n),
      everyLocale: (l) => paths.home(l),
      jsonLd: websiteJsonLd(locale, t('site.title')),
    }
  },
})

export const sectionRoutes = listRoutes({
  params: none,
  async load(locale, _p, page) {
    const paged = getArticlePage(locale, page)
    const t = await getTranslations({ locale, namespace: 'list' })
    return paged && { title: t('news'), kind: 'list', paged, href: (n) => paths.section(locale, n), everyLocale: (l) => paths.section(l) }
  },
})

export const sourceRoutes = listRoutes<{ source: string }>({
  params: (locale) => listSources(locale).map(({ source }) => ({ source })),
  async load(locale, { source }, page) {
    const paged = getSourcePage(locale, source, page)
    const t = await getTranslations({ locale, namespace: 'list' })
    return paged && { title: t('source', { name: source }), kind: 'list', paged, href: (n) => paths.source(locale, source, n) }
  },
})

function termRoutes(taxonomy: Taxonomy) {
  return listRoutes<{ term: string }>({
    params: (locale) => listTerms(locale, taxonomy).map(({ slug }) => ({ term: slug })),
    async load(locale, { term }, page) {
      const info = getTerm(locale, taxonomy, term)
      const paged = getTermPage(locale, taxonomy, term, page)
      const t = await getTranslations({ locale, namespace: 'list' })
      return info && paged && {
        title: t(taxonomy === 'tags' ? 'tag' : 'category', { name: info.name }),
        kind: 'list',
        paged,
        href: (n) => paths.term(locale, taxonomy, term, n),
      }
    },
  })
}

export const tagRoutes = termRoutes('tags')
export const categoryRoutes = termRoutes('categories')
export { localeParams }
