import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { isLocale } from '@/lib/i18n'
import { paths } from '@/lib/urls'
import { siteConfig } from '@/site.config'

export default async function NotFound() {
  const requested = await getLocale()
  const locale = isLocale(requested) ? requested : siteConfig.defaultLocale
  const t = await getTranslations({ locale, namespace: 'notFound' })
  return (
    <div className="container layout no-sidebar">
      <main id="main" className="main not-found">
        <h1>{t('title')}</h1>
        <p>{t('text')}</p>
        <p><Link href={paths.home(locale)}>{t('home')}</Link></p>
      </main>
    </div>
  )
}
