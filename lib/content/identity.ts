/**
 * What a content file's path says about the article: its locale, source and
 * the slug Hugo built from the file name. Shared by the content build, the
 * checker and the tests, so the path rules live in one place.
 */
import { urlize } from '@/lib/urls'
import { segmentToLocale, type Locale } from '@/lib/i18n'
import { siteConfig } from '@/site.config'

export interface ArticleIdentity {
  /** Locale named by the folder (content/<lang>/…). */
  locale: Locale
  /** URL segment of the source folder: Hugo lowercases it. */
  source: string
  /** File name without ".<lang>.md". */
  fileId: string
  slug: string
}

const PATTERN = /^([^/]+)\/news\/([^/]+)\/([^/]+)\.md$/

/** `relativePath` is relative to the content folder, with forward slashes. */
export function identityFromPath(relativePath: string): ArticleIdentity | undefined {
  const m = PATTERN.exec(relativePath.normalize('NFC'))
  if (!m) return undefined
  const [, folderLang, sourceFolder, base] = m
  const locale = siteConfig.locales.find((l) => l === folderLang) ?? segmentToLocale(folderLang)
  if (!locale) return undefined
  // Hugo strips a trailing ".<lang>" that names a configured language.
  const suffix = new RegExp(`\\.(${siteConfig.locales.join('|')})$`, 'i')
  const fileId = base.replace(suffix, '')
  return { locale, source: urlize(sourceFolder), fileId, slug: urlize(fileId) }
}
