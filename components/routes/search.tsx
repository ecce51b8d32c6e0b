import type { Metadata } from 'next'
import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import { siteConfig } from '@/site.config'
import { listSources } from '@/lib/content'
import { formatDateTime } from '@/lib/dates'
import { pageMetadata } from '@/lib/metadata'
import { paths } from '@/lib/urls'
import { highlight, search } from '@/lib/search'
import { readSearchParams, searchQueryString } from '@/lib/search/params'
import { readLocale } from '@/components/routes/params'
import { PageLayout } from '@/components/layout/PageLayout'
import { Pagination } from '@/components/Pagination'
import { LiveSearch } from '@/components/search/LiveSearch'

type Props = {
  params: Promise<{ locale: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

function Marked({ text, terms }: { text: string; terms: string[] }) {
  return (
    <>
      {highlight(text, terms).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
    </>
  )
}

export async function SearchPage(props: Props) {
  const locale = readLocale((await props.params).locale)
  const { form, query } = readSearchParams(await props.searchParams)
  const t = await getTranslations({ locale, namespace: 'search' })
  const results = form.q ? await search(locale, query) : undefined
  const unavailable = form.q !== '' && results === undefined
  const base = paths.search(locale)
  return (
    <PageLayout locale={locale} sidebar={siteConfig.sidebar.list} widgets={siteConfig.widgets.filter((w) => w !== 'search')}>
      <header className="list-header">
        <h1 className="list-title">{t('title')}</h1>
        <form id="search-form" className="search-page-form" action={base} method="get" role="search">
          <label className="visually-hidden" htmlFor="search-q">{t('label')}</label>
          <input id="search-q" type="search" name="q" defaultValue={form.q} placeholder={t('placeholder')} maxLength={200} autoComplete="off" />
          <button type="submit">{t('submit')}</button>
          <fieldset className="search-filters">
            <legend className="visually-hidden">{t('filters')}</legend>
            <label>{t('source')}{' '}
              <select name="source" defaultValue={form.source}>
                <option value="">{t('anySource')}</option>
                {listSources(locale).map(({ source }) => <option key={source} value={source}>{source}</option>)}
              </select>
            </label>
            <label>{t('tag')} <input type="text" name="tag" defaultValue={form.tag} size={12} /></label>
            <label>{t('from')} <input type="date" name="from" defaultValue={form.from} /></label>
            <label>{t('to')} <input type="date" name="to" defaultValue={form.to} /></label>
          </fieldset>
        </form>
        <LiveSearch formId="search-form" />
      </header>
      {!form.q && <p className="search-message">{t('prompt')}</p>}
      {unavailable && <p className="search-message" role="status">{t('unavailable')}</p>}
      {results && (
        <section aria-labelledby="search-summary">
          <p id="search-summary" className="search-message" role="status">{t('results', { count: results.total, q: form.q })}</p>
          {results.total === 0 && <p className="search-message">{t('empty')}</p>}
          <ol className="search-results">
            {results.hits.map((hit) => (
              <li key={hit.id} className="card search-hit">
                <div className="card-body">
                  <h2 className="card-title"><Link href={hit.path}><Marked text={hit.title} terms={results.terms} /></Link></h2>
                  <div className="meta">
                    <time dateTime={new Date(hit.published).toISOString()}>{formatDateTime(new Date(hit.published), locale)}</time>
                    <span>{hit.source}</span>
                  </div>
                  <p className="card-excerpt"><Marked text={hit.excerpt} terms={results.terms} /></p>
                </div>
              </li>
            ))}
          </ol>
          <Pagination locale={locale} page={results.page} totalPages={results.totalPages} href={(n) => `${base}?${searchQueryString(form, n)}`} />
        </section>
      )}
    </PageLayout>
  )
}

export async function generateSearchMetadata(props: Props): Promise<Metadata> {
  const locale = readLocale((await props.params).locale)
  const t = await getTranslations({ locale, namespace: 'search' })
  return pageMetadata({ locale, title: t('title'), path: paths.search(locale), noindex: true })
}
