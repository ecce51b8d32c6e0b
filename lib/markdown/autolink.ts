/**
 * GFM's bare links (`www.example.com`, `https://…`, `name@example.com`) in markdown-it,
 * found by the code remark used (mdast-util-gfm-autolink-literal) so that their edges
 * stay where readers saw them: trailing punctuation outside the link, underscores allowed
 * in addresses, balanced parentheses kept. markdown-it's own linkify
 * (linkify-it) drew them differently in nearly two hundred of the 5,288 real articles.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it'
import type { Link, Paragraph, PhrasingContent, Root } from 'mdast'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'

const [findLinks] = gfmAutolinkLiteralFromMarkdown().transforms as [(tree: Root) => void]
// Every literal starts with "www.", "://" or "@": text without them is skipped cheaply.
const CANDIDATE = /www\.|:\/\/|@/i
/**
 * Where a bare link must end or may begin: at any Unicode space (remark sometimes ran a
 * link on through a no-break space into the next word), and before "http(s)://" right
 * after anything but an ASCII letter, as remark's tokenizer allowed ("详情https://…").
 */
const BOUNDARY = /(\s+)|(?<![A-Za-z])(?=https?:\/\/)/iu

function literals(value: string): PhrasingContent[] | undefined {
  if (!CANDIDATE.test(value)) return undefined
  const paragraph: Paragraph = {
    type: 'paragraph',
    children: value.split(BOUNDARY).filter(Boolean).map((part) => ({ type: 'text', value: part })),
  }
  findLinks({ type: 'root', children: [paragraph] })
  return paragraph.children.some((node) => node.type === 'link') ? paragraph.children : undefined
}

function linkTokens(state: StateCore, link: Link): Token[] {
  const open = new state.Token('link_open', 'a', 1)
  open.attrs = [['href', state.md.normalizeLink(link.url)]]
  open.markup = 'linkify'
  open.info = 'auto'
  const text = new state.Token('text', '', 0)
  text.content = link.children.map((c) => ('value' in c ? c.value : '')).join('')
  const close = new state.Token('link_close', 'a', -1)
  close.markup = 'linkify'
  close.info = 'auto'
  return [open, text, close]
}

function autolinkLiterals(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children || !CANDIDATE.test(block.content)) continue
    const out: Token[] = []
    let depth = 0
    for (const token of block.children) {
      if (token.type === 'link_open') depth++
      else if (token.type === 'link_close') depth--
      const found = depth === 0 && token.type === 'text' ? literals(token.content) : undefined
      if (!found) {
        out.push(token)
        continue
      }
      for (const node of found) {
        if (node.type === 'link') out.push(...linkTokens(state, node))
        else if (node.type === 'text') {
          const text = new state.Token('text', '', 0)
          text.content = node.value
          out.push(text)
        }
      }
    }
    block.children = out
  }
}

export function gfmAutolinkPlugin(md: MarkdownIt): void {
  md.core.ruler.after('text_join', 'gfm_autolink_literal', autolinkLiterals)
}
