import { siteConfig, type Locale } from '@/site.config'

export type { Locale }
export const locales = siteConfig.locales

/** The `[locale]` route segment: the URL prefix without its slash ("en" for the root). */
export type LocaleSegment = 'en' | 'zh-cn' | 'zh-hk'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

export function localeToSegment(locale: Locale): LocaleSegment {
  return (siteConfig.localePrefixes[locale].slice(1) || 'en') as LocaleSegment
}

/** Inverse of localeToSegment; case-insensitive because Hugo's prefixes were lowercase but links in the wild are not. */
export function segmentToLocale(segment: string): Locale | undefined {
  const lower = segment.toLowerCase()
  return locales.find((l) => localeToSegment(l) === lower)
}

/** BCP 47 tag for `<html lang>`, hreflang and feeds. */
export function htmlLang(locale: Locale): string {
  return locale
}

/** Open Graph wants underscores: zh_CN. */
export function ogLocale(locale: Locale): string {
  return locale === 'en' ? 'en_US' : locale.replace('-', '_')
}
