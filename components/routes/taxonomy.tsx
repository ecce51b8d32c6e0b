import type { Metadata } from 'next'
import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import { siteConfig } from '@/site.config'
import { listTerms } from '@/lib/content'
import { paths, type Taxonomy } from '@/lib/urls'
import { pageMetadata } from '@/lib/metadata'
import { readLocale } from '@/components/routes/params'
import { PageLayout } from '@/components/layout/PageLayout'

type Props = { params: Promise<{ locale: string }> }

/** The index of every term of a taxonomy with its article count (/tags/, /categories/). */
export function taxonomyRoute(taxonomy: Taxonomy) {
  async function Page(props: Props) {
    const locale = readLocale((await props.params).locale)
    const t = await getTranslations({ locale, namespace: 'list' })
    const terms = listTerms(locale, taxonomy)
    return (
      <PageLayout locale={locale} sidebar={siteConfig.sidebar.list} widgets={siteConfig.widgets}>
        <header className="list-header">
          <h1 className="list-title">{t(taxonomy)}</h1>
        </header>
        <ul className="term-index">
          {terms.map((term) => (
            <li key={term.slug}>
              <Link href={paths.term(locale, taxonomy, term.slug)}>{term.name}</Link>{' '}
              <span className="term-count">{t('count', { count: term.count })}</span>
            </li>
          ))}
        </ul>
      </PageLayout>
    )
  }
  async function generateMetadata(props: Props): Promise<Metadata> {
    const locale = readLocale((await props.params).locale)
    const t = await getTranslations({ locale })
    const alternates = Object.fromEntries(siteConfig.locales.map((l) => [l, paths.taxonomy(l, taxonomy)]))
    const description = `${t(`list.${taxonomy}`)} · ${t('site.title')}: ${t('site.subtitle')}`
    return pageMetadata({ locale, title: t(`list.${taxonomy}`), description, path: paths.taxonomy(locale, taxonomy), alternates })
  }
  return { Page, generateMetadata }
}

export const tagsIndex = taxonomyRoute('tags')
export const categoriesIndex = taxonomyRoute('categories')
