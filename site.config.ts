/**
 * Site settings: the one place for what Hugo kept in `hugo.toml` [params].
 * Everything here is plain data so scripts, the content build and pages all
 * read the same values.
 */
export type Locale = 'en' | 'zh-CN' | 'zh-HK'
export type WidgetName = 'search' | 'recent' | 'taglist' | 'categories' | 'languages' | 'social'
export type SidebarPosition = 'left' | 'right' | 'none'
export type PageKind = 'home' | 'list' | 'single'

export interface MenuEntry {
  /** Key into the `menu` messages, so the label is translated per locale. */
  label: string
  /** Site-relative path without locale prefix, e.g. "/tags/". */
  path: string
  weight: number
}

export type CommentsConfig =
  | { provider: 'none' }
  | { provider: 'disqus'; shortname: string }
  | { provider: 'giscus'; repo: string; repoId: string; category: string; categoryId: string }

export interface SiteConfig {
  title: string
  subtitle: string
  /** Base URL for absolute links (feeds, canonicals, sitemaps). */
  siteUrl: string
  timeZone: string
  locales: readonly Locale[]
  defaultLocale: Locale
  /** URL prefix of each locale: Hugo's lowercase language directories. */
  localePrefixes: Record<Locale, string>
  pageSize: number
  recentCount: number
  sidebar: Record<PageKind, SidebarPosition>
  widgets: WidgetName[]
  menu: MenuEntry[]
  social: { title: string; url: string }[]
  author: { name: string; bio: string }
  thumbnail: { visibility: ('list' | 'post')[] }
  /** Threads under articles with `comments: true`; Hugo's [services.disqus] was empty. */
  comments: CommentsConfig
  /**
   * false: prerendered pages ship without Next's client runtime (React DOM and the App
   * Router, ~118 KB gzip): links load pages as Hugo's did, and the site's islands are
   * inline plain scripts (scripts/strip-runtime.ts). true: pages hydrate and links
   * navigate client-side. Search, drafts and `npm run dev` keep the runtime either way.
   */
  clientRouter: boolean
  /** Shown in lists and the article meta line; Hugo's `dateformat`. */
  dateFormat: Intl.DateTimeFormatOptions
}

export const siteConfig: SiteConfig = {
  title: 'Bulwark News',
  subtitle: 'Enable everyone to access information equally',
  siteUrl: (process.env.SITE_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
  timeZone: 'Asia/Shanghai',
  locales: ['en', 'zh-CN', 'zh-HK'],
  defaultLocale: 'en',
  localePrefixes: { en: '', 'zh-CN': '/zh-cn', 'zh-HK': '/zh-hk' },
  pageSize: 10,
  recentCount: 8,
  sidebar: { home: 'right', list: 'left', single: 'none' },
  widgets: ['search', 'recent', 'taglist', 'languages'],
  menu: [
    { label: 'home', path: '/', weight: 1 },
    { label: 'news', path: '/news/', weight: 2 },
    { label: 'categories', path: '/categories/', weight: 3 },
    { label: 'tags', path: '/tags/', weight: 4 },
  ],
  social: [
    { title: 'Youtube', url: 'https://youtube.com/user/username' },
    { title: 'Home Page', url: 'https://example.com' },
  ],
  author: { name: 'Bulwark News', bio: 'Bulwark News mirrors financial and technology news in English and Chinese.' },
  thumbnail: { visibility: ['list', 'post'] },
  comments: { provider: 'none' },
  clientRouter: false,
  dateFormat: {
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  },
}
