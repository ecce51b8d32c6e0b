/**
 * One walk over the sanitized tree that gives headings their ids, collects the
 * table of contents and the plain text, and points in-page links at the ids
 * sanitizing renamed.
 */
import GithubSlugger from 'github-slugger'
import type { Element, Nodes, Root } from 'hast'
import type { VFile } from 'vfile'

export interface Heading {
  depth: number
  id: string
  text: string
}

export interface Outline {
  headings: Heading[]
  text: string
}

/** rehype-sanitize prefixes author-supplied ids (raw HTML, footnotes) with this. */
const CLOBBER_PREFIX = 'user-content-'

const HEADING = /^h([1-6])$/

/** Boundaries where the text of neighbouring elements must not run together. */
const BLOCKS = new Set([
  'address', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
])

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g

function collapse(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

function pushText(node: Nodes, out: string[]): void {
  if (node.type === 'text') out.push(node.value)
  else if ('children' in node) for (const child of node.children) pushText(child, out)
}

function textOf(node: Nodes): string {
  const out: string[] = []
  pushText(node, out)
  return collapse(out.join(''))
}

function isFootnotes(element: Element): boolean {
  return element.tagName === 'section' && element.properties.dataFootnotes !== undefined
}

export function rehypeOutline() {
  return (tree: Root, file: VFile) => {
    // Per document, so "Summary" twice becomes summary, summary-1 in every article.
    const slugger = new GithubSlugger()
    const headings: Heading[] = []
    const text: string[] = []
    const ids = new Set<string>()
    const fragmentLinks: Element[] = []

    const walk = (node: Nodes, inFootnotes: boolean): void => {
      if (node.type === 'text') {
        text.push(node.value)
        return
      }
      if (node.type !== 'element' && node.type !== 'root') return
      if (node.type === 'element') {
        const depth = HEADING.exec(node.tagName)?.[1]
        const headingText = depth && !inFootnotes ? textOf(node) : ''
        if (depth && headingText) {
          const id = slugger.slug(headingText)
          node.properties.id = id
          headings.push({ depth: Number(depth), id, text: headingText })
        }
        if (typeof node.properties.id === 'string') ids.add(node.properties.id)
        if (typeof node.properties.name === 'string') ids.add(node.properties.name)
        const href = node.properties.href
        if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) fragmentLinks.push(node)
        inFootnotes ||= isFootnotes(node)
      }
      const block = node.type === 'element' && BLOCKS.has(node.tagName)
      if (block) text.push(' ')
      for (const child of node.children) walk(child, inFootnotes)
      if (block) text.push(' ')
    }
    walk(tree, false)

    for (const link of fragmentLinks) {
      const target = decodeURIComponentSafe(String(link.properties.href).slice(1))
      if (!ids.has(target) && ids.has(CLOBBER_PREFIX + target)) {
        link.properties.href = `#${CLOBBER_PREFIX}${target}`
      }
    }

    const outline: Outline = { headings, text: collapse(text.join('')) }
    file.data.outline = outline
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

declare module 'vfile' {
  interface DataMap {
    outline: Outline
  }
}
