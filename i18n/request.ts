import { getRequestConfig } from 'next-intl/server'
import { siteConfig } from '@/site.config'
import { isLocale } from '@/lib/i18n'

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale
  const locale = isLocale(requested) ? requested : siteConfig.defaultLocale
  return {
    locale,
    timeZone: siteConfig.timeZone,
    messages: (await import(`../messages/${locale}.json`)).default,
  }
})
