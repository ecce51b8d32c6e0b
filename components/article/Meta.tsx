import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import { formatDateTime, toZonedIso } from '@/lib/dates'
import { paths } from '@/lib/urls'
import type { ArticleSummary, Locale } from '@/lib/content'

export async function StatusBadge({ article }: { article: ArticleSummary }) {
  if (article.status === 'published') return null
  const t = await getTranslations({ locale: article.locale, namespace: 'status' })
  return <span className={`badge badge-${article.status}`}>{t(article.status)}</span>
}

/** Date, reading time and categories: the line under a title, in lists and on the article. */
export async function Meta({ article, translations }: {
  article: ArticleSummary
  translations?: { locale: Locale; path: string }[]
}) {
  const t = await getTranslations({ locale: article.locale })
  return (
    <div className="meta">
      <time className="meta-date" dateTime={toZonedIso(article.published)}>{formatDateTime(article.published, article.locale)}</time>
      <span className="meta-reading">{t('article.readingTime', { minutes: article.readingMinutes })}</span>
      {article.categories.length > 0 && (
        <span className="meta-categories">
          <span className="visually-hidden">{t('article.categories')}: </span>
          {article.categories.map((c, i) => (
            <span key={c.slug}>{i > 0 && ', '}<Link href={paths.term(article.locale, 'categories', c.slug)}>{c.name}</Link></span>
          ))}
        </span>
      )}
      {translations && translations.length > 0 && (
        <span className="meta-translations">
          {t('article.translations')}:{' '}
          {translations.map((tr, i) => (
            <span key={tr.locale}>{i > 0 && ', '}<Link href={tr.path} hrefLang={tr.locale} lang={tr.locale}>{t(`languages.${tr.locale}`)}</Link></span>
          ))}
        </span>
      )}
      <StatusBadge article={article} />
    </div>
  )
}
