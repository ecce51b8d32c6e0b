/**
 * Route params, read once: the locale segment becomes a Locale (and is set for
 * next-intl's static rendering), page numbers are validated, and every other
 * param is percent-decoded exactly once through lib/urls' fromParam.
 */
import { notFound } from 'next/navigation'
import { setRequestLocale } from 'next-intl/server'
import { fromParam } from '@/lib/urls'
import { localeToSegment, segmentToLocale, type Locale } from '@/lib/i18n'
import { siteConfig } from '@/site.config'

export type LocaleParams = { locale: string }

export function readLocale(segment: string): Locale {
  const locale = segmentToLocale(segment)
  if (!locale || localeToSegment(locale) !== segment) notFound()
  setRequestLocale(locale)
  return locale
}

export function readPage(param: string | undefined): number {
  if (param === undefined) return 1
  if (!/^[1-9]\d{0,5}$/.test(param)) notFound()
  return Number(param)
}

export function readSegment(param: string): string {
  const value = fromParam(param)
  if (value === undefined) notFound()
  return value
}

export function localeParams(): LocaleParams[] {
  return siteConfig.locales.map((l) => ({ locale: localeToSegment(l) }))
}
