/**
 * Derived fields of an article, computed once per file by the content build.
 * Plain functions over the raw document so they can be tested without contentlayer.
 */
import { splitSourceLink, type SourceLink } from '@/lib/content/source-link'
import { parseSiteDate } from '@/lib/dates'
import { markdownToText } from '@/lib/markdown/text'
import { excerpt, readingMinutes } from '@/lib/text'

export interface RawArticleInput {
  date: string
  publishDate?: string
  lastmod?: string
  expiryDate?: string
  body: { raw: string }
}

/** Everything but identity (locale, source, slug, url), which are computed fields of their own. */
export interface DerivedArticle {
  /** Epoch milliseconds; the zone was applied when parsing. */
  published: number
  modified: number
  expires: number | null
  excerpt: string
  readingMinutes: number
  sourceLink: SourceLink | null
}

/** Throws with the field named, so the content build reports the file and the field. */
function requireDate(value: string | undefined, field: string): number {
  const d = parseSiteDate(value)
  if (!d) throw new Error(`${field}: not a valid date: ${JSON.stringify(value)}`)
  return d.getTime()
}

export function deriveArticle(doc: RawArticleInput): DerivedArticle {
  const published = requireDate(doc.publishDate || doc.date, doc.publishDate ? 'publishDate' : 'date')
  const { body, sourceLink } = splitSourceLink(doc.body.raw ?? '')
  // Bodies are rendered by the page that shows them (lib/content getArticleBody), in
  // the build's parallel workers; lists and search need only the words.
  const text = markdownToText(body)
  return {
    published,
    modified: doc.lastmod ? requireDate(doc.lastmod, 'lastmod') : published,
    expires: doc.expiryDate ? requireDate(doc.expiryDate, 'expiryDate') : null,
    excerpt: excerpt(text),
    readingMinutes: readingMinutes(text),
    sourceLink: sourceLink ?? null,
  }
}
