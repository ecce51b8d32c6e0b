/**
 * Markdown body → safe HTML, table of contents and plain text.
 *
 * Bodies are copied from third-party pages by a bot, so everything is treated
 * as hostile: raw HTML is parsed (so it can be inspected), sanitized, and only
 * then are trusted additions made (heading ids, KaTeX markup, link and image
 * attributes), so that sanitizing never sees and never strips our own output.
 * markdown-it and parse5 parse (./parse.ts); everything after is a rehype pipeline.
 */
import type { Root } from 'hast'
import rehypeKatex from 'rehype-katex'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { rehypeHarden } from './harden'
import { rehypeOutline, type Heading } from './outline'
import { markdownToHast } from './parse'
import { sanitizeSchema } from './schema'
import { unglueImages } from './source-fixes'

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
      .use(function parse() {
        this.parser = (markdown: string): Root => markdownToHast(markdown, { math })
      })
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
