import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { siteConfig } from '@/site.config'
import { htmlLang } from '@/lib/i18n'
import { readLocale } from '@/components/routes/params'
import { Header } from '@/components/layout/Header'
import { Footer } from '@/components/layout/Footer'
import { COMMENTS_SCRIPT, THEME_SCRIPT, THEME_TOGGLE_SCRIPT } from '@/lib/client-scripts'
import { isPreview } from '@/components/routes/preview'
import { PreviewBanner } from '@/components/layout/PreviewBanner'
import '../globals.css'

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const locale = readLocale((await params).locale)
  const t = await getTranslations({ locale, namespace: 'site' })
  return {
    metadataBase: new URL(siteConfig.siteUrl),
    title: { default: t('title'), template: `%s – ${t('title')}` },
    description: t('subtitle'),
  }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = readLocale((await params).locale)
  const t = await getTranslations({ locale, namespace: 'nav' })
  return (
    // The theme script sets data-theme on <html> before React hydrates.
    <html lang={htmlLang(locale)} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <script dangerouslySetInnerHTML={{ __html: THEME_TOGGLE_SCRIPT }} />
        {siteConfig.comments.provider !== 'none' && <script dangerouslySetInnerHTML={{ __html: COMMENTS_SCRIPT }} />}
      </head>
      <body>
        <a className="skip-link" href="#main">{t('skip')}</a>
        {(await isPreview()) && <PreviewBanner locale={locale} />}
        <Header locale={locale} />
        {children}
        <Footer locale={locale} />
      </body>
    </html>
  )
}
