import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import { paths } from '@/lib/urls'
import type { Locale } from '@/site.config'

export async function NotFoundView({ locale }: { locale: Locale }) {
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
