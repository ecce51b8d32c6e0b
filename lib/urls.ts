/**
 * Every URL of the site is built here and parsed by `parsePath`, its inverse.
 * Shapes follow the Hugo site being replaced, so links indexed by search
 * engines keep working.
 *
 * Internally a slug is kept decoded ("人工智能", "dow-jones-newswires"); it is
 * percent-encoded only when it becomes an href, and route params are decoded
 * exactly once, in `fromParam`.
 */
import { siteConfig } from '@/site.config'
import { localeToSegment, segmentToLocale, type Locale } from '@/lib/i18n'

export type Taxonomy = 'tags' | 'categories'

/**
 * Hugo's `urlize` (helpers.PathSpec.MakePathSanitized, Hugo 0.143): keep letters,
 * digits, marks and a few punctuation characters, fold runs of white space
 * into one hyphen, drop everything else, lowercase.
 */
export function urlize(name: string): string {
  const out: string[] = []
  let prependHyphen = false
  let wasHyphen = false
  const chars = Array.from(name)
  chars.forEach((ch, i) => {
    const allowed =
      '._/\\#+~-@'.includes(ch) ||
      /[\p{L}\p{Nd}\p{M}]/u.test(ch) ||
      (ch === '%' && /^[0-9a-fA-F]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')))
    if (allowed) {
      wasHyphen = ch === '-'
      if (prependHyphen) {
        if (!wasHyphen) out.push('-')
        prependHyphen = false
      }
      out.push(ch)
    } else if (out.length > 0 && !wasHyphen && /\s/u.test(ch)) {
      prependHyphen = true
    }
  })
  return out.join('').toLowerCase()
}

/** Percent-encode one path segment the way Go's url.URL.String() does (uppercase hex, keeps @ + ~ etc.). */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(40|2B|3A|24|26|2C|3B|3D|21|27|28|29|2A)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  )
}

/**
 * Route params arrive percent-encoded (and crawlers send %e4 as well as %E4).
 * Returns undefined for malformed encodings so callers can answer 404.
 */
export function fromParam(param: string): string | undefined {
  try {
    return decodeURIComponent(param).normalize('NFC')
  } catch {
    return undefined
  }
}

function join(locale: Locale, ...segments: string[]): string {
  const prefix = siteConfig.localePrefixes[locale]
  const rest = segments.map(encodeSegment).join('/')
  return `${prefix}/${rest ? `${rest}/` : ''}`
}

function paged(base: string, page: number): string {
  return page > 1 ? `${base}page/${page}/` : base
}

export const paths = {
  home: (locale: Locale, page = 1) => paged(join(locale), page),
  article: (locale: Locale, source: string, slug: string) => join(locale, 'news', source, slug),
  section: (locale: Locale, page = 1) => paged(join(locale, 'news'), page),
  source: (locale: Locale, source: string, page = 1) => paged(join(locale, 'news', source), page),
  /** The index of all terms; Hugo paginated it, Kanbao shows every term on page 1. */
  taxonomy: (locale: Locale, taxonomy: Taxonomy, page = 1) => paged(join(locale, taxonomy), page),
  term: (locale: Locale, taxonomy: Taxonomy, term: string, page = 1) => paged(join(locale, taxonomy, term), page),
  search: (locale: Locale) => join(locale, 'search'),
}

/** What a path names. `page` is 1 for unpaginated URLs. */
export type ParsedPath =
  | { kind: 'home'; locale: Locale; page: number }
  | { kind: 'article'; locale: Locale; source: string; slug: string }
  | { kind: 'section'; locale: Locale; page: number }
  | { kind: 'source'; locale: Locale; source: string; page: number }
  | { kind: 'taxonomy'; locale: Locale; taxonomy: Taxonomy; page: number }
  | { kind: 'term'; locale: Locale; taxonomy: Taxonomy; term: string; page: number }
  | { kind: 'search'; locale: Locale }

const LANGUAGE_SUFFIX = new RegExp(`\\.(${siteConfig.locales.join('|')})$`, 'i')

function parsePage(segments: string[]): { rest: string[]; page: number } | undefined {
  const n = segments.length
  if (n >= 2 && segments[n - 2] === 'page') {
    if (!/^[1-9]\d{0,5}$/.test(segments[n - 1])) return undefined
    return { rest: segments.slice(0, -2), page: Number(segments[n - 1]) }
  }
  return { rest: segments, page: 1 }
}

/** Inverse of `paths`: an encoded or decoded path (query and hash ignored) to what it names, or undefined. */
export function parsePath(path: string): ParsedPath | undefined {
  const raw = path.split(/[?#]/)[0].split('/').filter(Boolean)
  const decoded = raw.map(fromParam)
  if (decoded.some((s) => s === undefined)) return undefined
  let segments = decoded as string[]
  let locale: Locale = siteConfig.defaultLocale
  const first = segments[0] && segmentToLocale(segments[0])
  if (first && first !== siteConfig.defaultLocale) {
    locale = first
    segments = segments.slice(1)
  }
  const parsed = parsePage(segments)
  if (!parsed) return undefined
  const { rest, page } = parsed
  const [a, b, c, ...more] = rest
  if (more.length > 0) return undefined
  if (a === undefined) return { kind: 'home', locale, page }
  if (a === 'search' && b === undefined && page === 1) return { kind: 'search', locale }
  if (a === 'tags' || a === 'categories') {
    if (b === undefined) return { kind: 'taxonomy', locale, taxonomy: a, page }
    if (c === undefined) return { kind: 'term', locale, taxonomy: a, term: b, page }
    return undefined
  }
  if (a === 'news') {
    if (b === undefined) return { kind: 'section', locale, page }
    if (c === undefined) return { kind: 'source', locale, source: b, page }
    // Hugo 0.111 kept the language suffix in article URLs (…/20250207a09biw.zh-cn/).
    if (page === 1) return { kind: 'article', locale, source: b, slug: c.replace(LANGUAGE_SUFFIX, '') }
  }
  return undefined
}

/** Builds the path `parsePath` returned, so `toPath(parsePath(p))` is the canonical form of p. */
export function toPath(p: ParsedPath): string {
  switch (p.kind) {
    case 'home': return paths.home(p.locale, p.page)
    case 'article': return paths.article(p.locale, p.source, p.slug)
    case 'section': return paths.section(p.locale, p.page)
    case 'source': return paths.source(p.locale, p.source, p.page)
    case 'taxonomy': return paths.taxonomy(p.locale, p.taxonomy, p.page)
    case 'term': return paths.term(p.locale, p.taxonomy, p.term, p.page)
    case 'search': return paths.search(p.locale)
  }
}

export function absoluteUrl(path: string): string {
  return `${siteConfig.siteUrl}${path}`
}

export { localeToSegment }
