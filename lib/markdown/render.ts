/**
 * Markdown body → safe HTML, table of contents and plain text.
 *
 * Bodies are copied from third-party pages by a bot, so everything is treated
 * as hostile: raw HTML is parsed (so it can be inspected), sanitized, and only
 * then are trusted additions made (heading ids, KaTeX markup, link and image
 * attributes), so that sanitizing never sees and never strips our own output.
 */
import rehypeKatex from 'rehype-katex'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { rehypeHarden } from './harden'
import { rehypeOutline, type Heading } from './outline'
import { sanitizeSchema } from './schema'
import { remarkLiteralUnknownTags, unglueImages } from './source-fixes'

export { MAX_DATA_IMAGE_URI_LENGTH } from './harden'
export type { Heading } from './outline'

export interface RenderedMarkdown {
  html: string
  headings: Heading[]
  text: string
}

export interface RenderOptions {
  math: boolean
}

function createProcessor(math: boolean) {
  return (
    unified()
      .use(remarkParse)
      // Single tildes are ranges ("10~20"), never strikethrough, in these sources.
      .use(remarkGfm, { singleTilde: false })
      .use(math ? [remarkMath] : [])
      .use(remarkLiteralUnknownTags)
      // No prefix here: rehype-sanitize adds it, and twice would break footnote links.
      .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
      .use(rehypeRaw)
      .use(rehypeSanitize, sanitizeSchema)
      .use(rehypeHarden)
      // Before KaTeX, so headings and text carry the TeX source, not KaTeX's doubled MathML+HTML text.
      .use(rehypeOutline)
      // `strict: 'ignore'`: Chinese inside formulas would otherwise warn on the console per document.
      .use(math ? [[rehypeKatex, { strict: 'ignore' }]] : [])
      .use(rehypeStringify)
      .freeze()
  )
}

// Built once: the content build renders tens of thousands of documents.
const plainProcessor = createProcessor(false)
const mathProcessor = createProcessor(true)

export async function renderMarkdown(markdown: string, options: RenderOptions): Promise<RenderedMarkdown> {
  if (!markdown.trim()) return { html: '', headings: [], text: '' }
  const processor = options.math ? mathProcessor : plainProcessor
  const file = await processor.process(unglueImages(markdown))
  const outline = file.data.outline ?? { headings: [], text: '' }
  return { html: String(file).trim(), headings: outline.headings, text: outline.text }
}
