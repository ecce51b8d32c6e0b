import { getTranslations } from 'next-intl/server'
import type { Locale } from '@/site.config'

export async function PreviewBanner({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'preview' })
  return (
    <div className="preview-banner" role="status">
      {t('banner')} <a href="/api/preview/disable">{t('exit')}</a>
    </div>
  )
}
