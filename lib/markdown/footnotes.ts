/**
 * Footnotes (markdown-it-footnote) marked up as GitHub and remark do: `fn-<label>` ids,
 * numbered by first reference, a labelled section, one back link per reference.
 * rehype-sanitize then prefixes the ids (`user-content-`), as for any author-supplied id.
 */
import type { MarkdownIt, RendererRule, Token } from 'markdown-it'
import footnote from 'markdown-it-footnote'

interface Meta {
  id: number
  subId?: number
  label?: string
}

const meta = (token: Token) => token.meta as unknown as Meta
const labelOf = (m: Meta) => encodeURIComponent(String(m.label ?? m.id + 1).toLowerCase())
const refId = (m: Meta) => `fnref-${labelOf(m)}${m.subId ? `-${m.subId + 1}` : ''}`

const rules: Record<string, RendererRule> = {
  footnote_ref: (tokens, idx) => {
    const m = meta(tokens[idx])
    return `<sup><a href="#fn-${labelOf(m)}" id="${refId(m)}" data-footnote-ref aria-describedby="footnote-label">${m.id + 1}</a></sup>`
  },
  footnote_block_open: () =>
    '<section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">Footnotes</h2>\n<ol>\n',
  footnote_block_close: () => '</ol>\n</section>\n',
  footnote_open: (tokens, idx) => `<li id="fn-${labelOf(meta(tokens[idx]))}">\n`,
  footnote_close: () => '</li>\n',
  footnote_anchor: (tokens, idx) => {
    const m = meta(tokens[idx])
    const n = (m.subId ?? 0) + 1
    const label = `Back to reference ${m.id + 1}${n > 1 ? `-${n}` : ''}`
    return ` <a href="#${refId(m)}" data-footnote-backref aria-label="${label}" class="data-footnote-backref">↩${n > 1 ? `<sup>${n}</sup>` : ''}</a>`
  },
}

export function footnotePlugin(md: MarkdownIt): void {
  md.use(footnote)
  Object.assign(md.renderer.rules, rules)
}
