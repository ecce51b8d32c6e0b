import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import type { Locale } from '@/site.config'

/** Page numbers around the current one, with gaps: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, total: number, radius = 2): (number | 'gap')[] {
  const out: (number | 'gap')[] = []
  for (let n = 1; n <= total; n++) {
    if (n === 1 || n === total || Math.abs(n - page) <= radius) out.push(n)
    else if (out[out.length - 1] !== 'gap') out.push('gap')
  }
  return out
}

export async function Pagination({ locale, page, totalPages, href }: {
  locale: Locale
  page: number
  totalPages: number
  href: (page: number) => string
}) {
  if (totalPages <= 1) return null
  const t = await getTranslations({ locale, namespace: 'pagination' })
  const edge = (target: number, label: string, rel?: string) =>
    target === page || target < 1 || target > totalPages ? (
      <span className="pagination-item disabled" aria-disabled="true">{label}</span>
    ) : (
      <Link className="pagination-item" href={href(target)} rel={rel}>{label}</Link>
    )
  return (
    <nav className="pagination" aria-label={t('label')}>
      {edge(1, t('first'))}
      {edge(page - 1, t('previous'), 'prev')}
      {pageWindow(page, totalPages).map((n, i) =>
        n === 'gap' ? (
          <span key={`gap-${i}`} className="pagination-gap" aria-hidden="true">…</span>
        ) : n === page ? (
          <span key={n} className="pagination-item current" aria-current="page">
            <span className="visually-hidden">{t('pageOf', { page: n, total: totalPages })}</span>
            <span aria-hidden="true">{n}</span>
          </span>
        ) : (
          <Link key={n} className="pagination-item" href={href(n)} aria-label={t('page', { page: n })}>{n}</Link>
        ),
      )}
      {edge(page + 1, t('next'), 'next')}
      {edge(totalPages, t('last'))}
    </nav>
  )
}
