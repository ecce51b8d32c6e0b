import { getTranslations } from 'next-intl/server'
import type { Locale } from '@/site.config'

export async function Footer({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'site' })
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('copyright', { year: new Date().getFullYear() })} · {t('poweredBy')}</p>
      </div>
    </footer>
  )
}
