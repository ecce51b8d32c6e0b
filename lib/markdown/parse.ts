/**
 * Markdown → hast, the first stage of lib/markdown/render. markdown-it parses a body in
 * a fraction of the time remark/micromark took (BENCHMARKS.md: minutes of a cold build
 * at 30k articles). Nothing it produces is trusted: render.ts sanitizes the tree, raw
 * HTML included, before anything of ours is added.
 *
 * Made to render the real articles as remark (CommonMark + GFM, like Hugo's goldmark)
 * did: links are not vetted here (the sanitizer drops unsafe URLs and keeps the text)
 * and are percent-encoded as remark did; bare links follow GFM (./autolink.ts); single
 * tildes stay ranges ("10~20": markdown-it strikes only `~~`); tags HTML does not know
 * stay text; emphasis by emoji as before (./emphasis.ts); footnotes as on GitHub.
 */
import type { Element, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { raw as parseRaw } from 'hast-util-raw'
import markdownIt, { type MarkdownIt, type RendererRule, type StateCore, type Token } from 'markdown-it'
import { normalizeUri } from 'micromark-util-sanitize-uri'
import { gfmAutolinkPlugin } from './autolink'
import { emojiEmphasisPlugin } from './emphasis'
import { footnotePlugin } from './footnotes'
import { mathPlugin } from './math'
import { isUnknownTag } from './source-fixes'

function create(math: boolean): MarkdownIt {
  const md = markdownIt('default', { html: true })
  // The sanitizer decides which URLs are safe; refused here, a link would show as `[text](url)`.
  md.validateLink = () => true
  md.normalizeLink = normalizeUri
  // `<https://…>` shows its URL as written ("%20" stays), as CommonMark's reference does.
  md.normalizeLinkText = (url) => url
  md.use(emojiEmphasisPlugin).use(gfmAutolinkPlugin).use(footnotePlugin)
  if (math) md.use(mathPlugin)
  md.core.ruler.after('inline', 'literal_unknown_tags', literalUnknownTags)
  md.core.ruler.push('gfm_markup', gfmMarkup)
  md.renderer.rules.html_block = rawPlaceholder
  md.renderer.rules.html_inline = rawPlaceholder
  return md
}

/**
 * GFM's markup where markdown-it's differs: `<del>` for strikethrough, and column
 * alignment as an `align` attribute (a `style`, which the sanitizer rightly drops).
 */
function gfmMarkup(state: StateCore): void {
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 's_open' || token.type === 's_close') token.tag = 'del'
      else if (token.type === 'th_open' || token.type === 'td_open') {
        const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet('style') ?? ''))?.[1]
        token.attrs = align ? [['align', align]] : null
      } else if (token.children) visit(token.children)
    }
  }
  visit(state.tokens)
}

/**
 * Chinese tech articles quote LLM markup such as `<think>…</think>`; parsed as HTML, the
 * tags would vanish and take the word with them, so tags outside HTML's own stay text.
 */
function literalUnknownTags(state: StateCore): void {
  const tokens = state.tokens
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.type === 'html_block' && isUnknownTag(token.content)) {
      const text = new state.Token('text', '', 0)
      text.content = token.content.replace(/\n+$/, '')
      const inline = new state.Token('inline', '', 0)
      inline.children = [text]
      tokens.splice(i, 1, new state.Token('paragraph_open', 'p', 1), inline, new state.Token('paragraph_close', 'p', -1))
      i += 2
    } else if (token.type === 'inline' && token.children) {
      for (const child of token.children) if (child.type === 'html_inline' && isUnknownTag(child.content)) child.type = 'text'
    }
  }
}

/**
 * Raw HTML leaves markdown-it as a placeholder and comes back as a `raw` node, which
 * hast-util-raw parses one fragment at a time: a broken tag such as `<div class="` then
 * spoils its own fragment, not the rest of the article. That pass walks the whole tree,
 * so it runs only for the few bodies (130 of the 5,288 real ones) that have raw HTML.
 */
const RAW_TAG = 'kanbao-raw'

type Env = Record<string, unknown> & { raw: string[] }

const rawPlaceholder: RendererRule = (tokens: Token[], idx: number, _options, env) => {
  const raw = (env as Env).raw
  raw.push(tokens[idx].content.replace(/\n$/, ''))
  return `<${RAW_TAG} data-n="${raw.length - 1}"></${RAW_TAG}>`
}

function restoreRaw(node: Nodes, raw: readonly string[]): void {
  if (!('children' in node)) return
  node.children = node.children.map((child) => {
    if (child.type !== 'element') return child
    if (child.tagName === RAW_TAG) return { type: 'raw', value: raw[Number((child as Element).properties.dataN)] ?? '' }
    restoreRaw(child, raw)
    return child
  }) as typeof node.children
}

const parsers = { plain: create(false), math: create(true) }

/** The body as hast, raw HTML included (unsanitized). */
export function markdownToHast(markdown: string, options: { math: boolean }): Root {
  const env: Env = { raw: [] }
  const html = (options.math ? parsers.math : parsers.plain).render(markdown, env)
  const tree = fromHtml(html, { fragment: true })
  if (!env.raw.length) return tree
  restoreRaw(tree, env.raw)
  return parseRaw(tree) as Root
}
