/**
 * TeX in Markdown for articles with `mathjax: true`, with remark-math's syntax: `$…$` or
 * `$$…$$` inside a paragraph (closed by a run of as many dollars, like a code span) and
 * a `$$` fence on its own line for display math. Marked up as remark-math did, so that
 * rehype-katex, run after sanitizing, finds `code.language-math`. Off for every other
 * article: news is full of dollar amounts.
 */
import { version as katexVersion } from 'katex'
import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it'

/**
 * KaTeX's stylesheet, which math rendered at build time needs: linked by the articles
 * that have math, and only by them (copied to public/ by scripts/katex-assets.mjs).
 */
export const MATH_STYLESHEET = `/assets/katex/${katexVersion}/katex.min.css`

const DOLLAR = 0x24

function inlineMath(state: StateInline, silent: boolean): boolean {
  const start = state.pos
  if (state.src.charCodeAt(start) !== DOLLAR) return false
  const max = state.posMax
  let pos = start + 1
  while (pos < max && state.src.charCodeAt(pos) === DOLLAR) pos++
  const opener = pos - start
  let from = pos
  for (let at; (at = state.src.indexOf('$', from)) !== -1 && at < max; ) {
    let end = at + 1
    while (end < max && state.src.charCodeAt(end) === DOLLAR) end++
    if (end - at === opener) {
      if (!silent) {
        let content = state.src.slice(pos, at).replace(/\n/g, ' ')
        if (content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content)) content = content.slice(1, -1)
        state.push('math_inline', 'code', 0).content = content
      }
      state.pos = end
      return true
    }
    from = end
  }
  // Unclosed: the whole run is text, so its later dollars do not open math either.
  if (!silent) state.pending += state.src.slice(start, pos)
  state.pos = pos
  return true
}

function displayMath(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine]
  let max = state.eMarks[startLine]
  if (state.sCount[startLine] - state.blkIndent >= 4) return false
  if (state.src.charCodeAt(pos) !== DOLLAR) return false
  const opened = pos
  pos = state.skipChars(pos, DOLLAR)
  const length = pos - opened
  // `$$x$$` on one line is inline math in a paragraph.
  if (length < 2 || state.src.slice(pos, max).includes('$')) return false
  if (silent) return true
  let nextLine = startLine
  let closed = false
  while (++nextLine < endLine) {
    pos = state.bMarks[nextLine] + state.tShift[nextLine]
    max = state.eMarks[nextLine]
    if (pos < max && state.sCount[nextLine] < state.blkIndent) break
    if (state.src.charCodeAt(pos) !== DOLLAR || state.sCount[nextLine] - state.blkIndent >= 4) continue
    const end = state.skipChars(pos, DOLLAR)
    if (end - pos < length || state.skipSpaces(end) < max) continue
    closed = true
    break
  }
  const token = state.push('math_block', 'code', 0)
  token.content = state.getLines(startLine + 1, nextLine, state.sCount[startLine], true).replace(/\n$/, '')
  token.map = [startLine, nextLine + (closed ? 1 : 0)]
  state.line = nextLine + (closed ? 1 : 0)
  return true
}

export function mathPlugin(md: MarkdownIt): void {
  const escape = md.utils.escapeHtml
  md.inline.ruler.after('escape', 'math_inline', inlineMath)
  md.block.ruler.before('fence', 'math_block', displayMath, { alt: ['paragraph', 'reference', 'blockquote', 'list'] })
  md.renderer.rules.math_inline = (tokens: Token[], idx: number) => `<code class="language-math math-inline">${escape(tokens[idx].content)}</code>`
  md.renderer.rules.math_block = (tokens: Token[], idx: number) =>
    `<pre><code class="language-math math-display">${escape(tokens[idx].content)}</code></pre>\n`
}
