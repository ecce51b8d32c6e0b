import { serializeJsonLd } from '@/lib/structured-data'

/** Structured data for search engines; serializeJsonLd makes the content safe inside <script>. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />
}
