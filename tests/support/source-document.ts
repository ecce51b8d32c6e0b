import type { SourceDocument } from '@/lib/content/model'
import { identityFromPath } from '@/lib/content/identity'
import { paths } from '@/lib/urls'

/** A document as the content build writes it, for the file at `file` (content-relative). */
export function sourceDocument(file: string, fields: Partial<SourceDocument> & { published?: string } = {}): SourceDocument {
  const id = identityFromPath(file)!
  const published = Date.parse(fields.published ?? '2025-02-01T00:00:00Z')
  return {
    title: 'Title',
    tags: [],
    categories: [],
    translations: [],
    ...fields,
    locale: id.locale,
    source: id.source,
    slug: id.slug,
    url: paths.article(id.locale, id.source, id.slug),
    derived: { published, modified: published, expires: null, excerpt: '', readingMinutes: 1, sourceLink: null },
    _raw: { sourceFilePath: file },
  }
}
