import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { localeParams, readLocale } from '@/components/routes/params'
import { NotFoundView } from '@/components/layout/NotFoundView'

// The 404 page the proxy rewrites unknown URLs to, prerendered per locale (status set by the proxy).
type Props = { params: Promise<{ locale: string }> }

export const dynamicParams = false
export const generateStaticParams = localeParams

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = readLocale((await params).locale)
  const t = await getTranslations({ locale, namespace: 'notFound' })
  return { title: t('title'), robots: { index: false, follow: true } }
}

export default async function PageNotFound({ params }: Props) {
  return <NotFoundView locale={readLocale((await params).locale)} />
}
