import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import { siteConfig, type Locale, type WidgetName } from '@/site.config'
import { getRecent, listTerms } from '@/lib/content'
import { paths } from '@/lib/urls'

type T = Awaited<ReturnType<typeof getTranslations>>

function Widget({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="widget">
      <h2 className="widget-title">{title}</h2>
      <div className="widget-body">{children}</div>
    </section>
  )
}

function SearchWidget({ locale, t }: { locale: Locale; t: T }) {
  return (
    <Widget title={t('widgets.search')}>
      <form className="search-form" action={paths.search(locale)} method="get" role="search">
        <label className="visually-hidden" htmlFor="sidebar-search">{t('widgets.searchLabel')}</label>
        <input id="sidebar-search" type="search" name="q" placeholder={t('widgets.searchPlaceholder')} />
        <button type="submit">{t('widgets.searchSubmit')}</button>
      </form>
    </Widget>
  )
}

function RecentWidget({ locale, t }: { locale: Locale; t: T }) {
  return (
    <Widget title={t('widgets.recent')}>
      <ul className="widget-list">
        {getRecent(locale).map((a) => (
          <li key={a.key}><Link href={a.path}>{a.title}</Link></li>
        ))}
      </ul>
    </Widget>
  )
}

function TermsWidget({ locale, t, taxonomy }: { locale: Locale; t: T; taxonomy: 'tags' | 'categories' }) {
  return (
    <Widget title={t(taxonomy === 'tags' ? 'widgets.taglist' : 'widgets.categories')}>
      <ul className={taxonomy === 'tags' ? 'tag-cloud' : 'widget-list'}>
        {listTerms(locale, taxonomy).map((term) => (
          <li key={term.slug}>
            <Link href={paths.term(locale, taxonomy, term.slug)}>{term.name}</Link>
          </li>
        ))}
      </ul>
    </Widget>
  )
}

function LanguagesWidget({ locale, t, alternates }: { locale: Locale; t: T; alternates?: Partial<Record<Locale, string>> }) {
  return (
    <Widget title={t('widgets.languages')}>
      <ul className="widget-list">
        {siteConfig.locales.map((l) => (
          <li key={l}>
            {l === locale ? (
              <span aria-current="true">{t(`languages.${l}`)}</span>
            ) : (
              <Link href={alternates?.[l] ?? paths.home(l)} hrefLang={l} lang={l}>{t(`languages.${l}`)}</Link>
            )}
          </li>
        ))}
      </ul>
    </Widget>
  )
}

function SocialWidget({ t }: { t: T }) {
  return (
    <Widget title={t('widgets.social')}>
      <ul className="widget-list">
        {siteConfig.social.map((s) => (
          <li key={s.url}><a href={s.url} rel="noopener noreferrer">{s.title}</a></li>
        ))}
      </ul>
    </Widget>
  )
}

export async function Sidebar({ locale, widgets, alternates }: {
  locale: Locale
  widgets: readonly WidgetName[]
  alternates?: Partial<Record<Locale, string>>
}) {
  const t = await getTranslations({ locale })
  const render: Record<WidgetName, () => React.ReactNode> = {
    search: () => <SearchWidget locale={locale} t={t} />,
    recent: () => <RecentWidget locale={locale} t={t} />,
    taglist: () => <TermsWidget locale={locale} t={t} taxonomy="tags" />,
    categories: () => <TermsWidget locale={locale} t={t} taxonomy="categories" />,
    languages: () => <LanguagesWidget locale={locale} t={t} alternates={alternates} />,
    social: () => <SocialWidget t={t} />,
  }
  return (
    <aside className="sidebar">
      {widgets.map((w) => (
        <div key={w}>{render[w]()}</div>
      ))}
    </aside>
  )
}
