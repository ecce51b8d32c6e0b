import { getLocale } from 'next-intl/server'
import { isLocale } from '@/lib/i18n'
import { siteConfig } from '@/site.config'
import { NotFoundView } from '@/components/layout/NotFoundView'

/** For notFound() thrown by a page; the proxy serves unknown URLs the page-not-found route instead. */
export default async function NotFound() {
  const requested = await getLocale()
  return <NotFoundView locale={isLocale(requested) ? requested : siteConfig.defaultLocale} />
}
