/**
 * Front-matter dates carry no zone ("2025-02-07 23:04:54") and mean the site's
 * zone. Parsing and formatting go through @date-fns/tz and Intl with an
 * explicit zone, so nothing depends on the machine's TZ.
 */
import { TZDate } from '@date-fns/tz'
import { formatISO } from 'date-fns'
import { siteConfig } from '@/site.config'
import type { Locale } from '@/lib/i18n'

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i

/** Parses a front-matter date; undefined when it is not a real date. */
export function parseSiteDate(value: unknown, timeZone = siteConfig.timeZone): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (ZONED.test(text)) {
    const d = new Date(text.replace(' ', 'T'))
    return Number.isNaN(d.getTime()) ? undefined : d
  }
  const m = LOCAL.exec(text)
  if (!m) return undefined
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m.slice(1)
  const parts = [y, mo, d, h, mi, s].map(Number)
  const ms = Number(frac.padEnd(3, '0').slice(0, 3))
  const zoned = new TZDate(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5], ms, timeZone)
  // TZDate rolls 2025-02-30 over to March; a date that does not survive the round trip is invalid.
  const back = [zoned.getFullYear(), zoned.getMonth() + 1, zoned.getDate(), zoned.getHours(), zoned.getMinutes(), zoned.getSeconds()]
  if (back.some((v, i) => v !== parts[i]) || Number.isNaN(zoned.getTime())) return undefined
  return new Date(zoned.getTime())
}

/**
 * An article's date is shown on its own page and on every list page it appears in, and
 * zoning it (TZDate, Intl) is ~2 % of static generation: format each date once per process.
 * Bounded by the number of distinct dates, i.e. of articles.
 */
const formatted = new Map<string, string>()

function remembered(key: string, format: () => string): string {
  let text = formatted.get(key)
  if (text === undefined) {
    text = format()
    formatted.set(key, text)
  }
  return text
}

/** ISO 8601 with the site zone's offset: 2025-02-07T23:04:54+08:00 (for JSON-LD, Open Graph, <time>). */
export function toZonedIso(date: Date, timeZone = siteConfig.timeZone): string {
  return remembered(`iso|${timeZone}|${date.getTime()}`, () => formatISO(new TZDate(date.getTime(), timeZone)))
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The date as readers see it, in the site's zone: "2025-02-07 23:04:54". */
export function formatDateTime(date: Date, locale: Locale, timeZone = siteConfig.timeZone): string {
  const key = `${locale}|${timeZone}`
  return remembered(`shown|${key}|${date.getTime()}`, () => {
    let f = formatters.get(key)
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { ...siteConfig.dateFormat, timeZone })
      formatters.set(key, f)
    }
    const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]))
    const hour = p.hour === '24' ? '00' : p.hour
    return `${p.year}-${p.month}-${p.day} ${hour}:${p.minute}:${p.second}`
  })
}
