import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import { siteConfig, type Locale } from '@/site.config'
import { getMenuArticles } from '@/lib/content'
import { paths } from '@/lib/urls'
import { ThemeToggle } from '@/components/layout/ThemeToggle'

function localized(locale: Locale, path: string): string {
  return `${siteConfig.localePrefixes[locale]}${path}`
}

export async function Header({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale })
  const entries = [
    ...[...siteConfig.menu].sort((a, b) => a.weight - b.weight).map((m) => ({ href: localized(locale, m.path), label: t(`nav.${m.label}` as 'nav.home') })),
    ...getMenuArticles(locale, 'main').map((a) => ({ href: a.path, label: a.title })),
  ]
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link href={paths.home(locale)} className="logo" rel="home">
          <span className="logo-title">{t('site.title')}</span>
          <span className="logo-subtitle">{t('site.subtitle')}</span>
        </Link>
        <ThemeToggle toDark={t('theme.toDark')} toLight={t('theme.toLight')} />
        {/* A checkbox toggles the menu on small screens: works with the keyboard and without JavaScript. */}
        <input type="checkbox" id="menu-toggle" className="menu-toggle-input" aria-label={t('nav.menu')} aria-controls="main-menu" />
        <label htmlFor="menu-toggle" className="menu-toggle">{t('nav.menu')}</label>
        <nav id="main-menu" className="menu" aria-label={t('nav.mainMenu')}>
          <ul className="menu-list">
            {entries.map((e) => (
              <li key={e.href}>
                <Link href={e.href}>{e.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  )
}
