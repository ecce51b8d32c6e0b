/**
 * Runs after rehype-sanitize: sanitizing decides what is allowed at all, this
 * step decides what is worth showing and how links and images behave.
 */
import type { Element, ElementContent, Nodes, Root } from 'hast'
import { hasContent, isElement, rewrite, type Rewrite } from './hast'

/**
 * Small inline images (spacers, icons) are fine as `data:` URIs; past this
 * many characters they are pasted photos that bloat every page they are on.
 */
export const MAX_DATA_IMAGE_URI_LENGTH = 2_000

const REMOTE = /^(?:https?:)?\/\//i
/** Raster only: an SVG data URI is markup, and nothing the sources embed needs it. */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp)[;,]/i

/** Protocol-relative URLs would follow the page's scheme; the source CDNs all serve https. */
function absolute(url: string): string {
  return url.startsWith('//') ? `https:${url}` : url
}

function attribute(element: Element, name: string): string {
  const value = element.properties[name]
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * Some sources serve pictures through Next.js's optimizer, a path that only
 * exists on their host; the original URL is in its `url` parameter.
 */
function unoptimized(src: string): string {
  if (!src.startsWith('/_next/image?')) return src
  return new URLSearchParams(src.slice(src.indexOf('?'))).get('url') ?? src
}

function hardenImage(img: Element): Rewrite {
  const src = unoptimized(attribute(img, 'src'))
  if (REMOTE.test(src)) img.properties.src = absolute(src)
  else if (!(DATA_IMAGE.test(src) && src.length <= MAX_DATA_IMAGE_URI_LENGTH)) return null
  // The sources' CDNs refuse hotlinked requests that carry our page as referrer.
  Object.assign(img.properties, { loading: 'lazy', decoding: 'async', referrerPolicy: 'no-referrer' })
  return img
}

function hardenLink(a: Element): Rewrite {
  if (!hasContent(a)) return null
  const href = attribute(a, 'href')
  // Sanitizing removed unsafe hrefs; the text of such a link is still worth reading.
  if (!href) return a.children
  if (REMOTE.test(href)) {
    a.properties.href = absolute(href)
    a.properties.rel = ['nofollow', 'noopener', 'noreferrer']
    a.properties.target = '_blank'
    return a
  }
  // Relative paths belong to the site the article was copied from and are dead here.
  return href.startsWith('#') || /^mailto:/i.test(href) ? a : a.children
}

/**
 * The converter writes adjacent bold runs as `**Q****1**` and empty ones as
 * `** **`; where the parser could not pair them they reach us as text, and the
 * page showed "Q1". A `****` that starts a word after a space ("****1234") is
 * a masked number, not markup, and stays.
 */
const EMPTY_BOLD = /(?<!\*)(?:\*\* \*\*|(?<=[^\s*])\*{4}|\*{4}(?!\d))(?!\*)/g
const VERBATIM = ['code', 'pre', 'kbd', 'samp']

function dropEmptyBoldText(node: Nodes): void {
  if (node.type === 'text') node.value = node.value.replace(EMPTY_BOLD, '')
  else if (node.type === 'root' || (node.type === 'element' && !VERBATIM.includes(node.tagName))) {
    for (const child of node.children) dropEmptyBoldText(child)
  }
}

/** Wrappers the converter left empty (`<b> </b>`) style nothing. */
const UNWRAP_WHEN_EMPTY = ['strong', 'b', 'em', 'i', 'del', 's', 'strike']
/** Blank paragraphs (lines of a lone NBSP) and bullet items would only add gaps. */
const DROP_WHEN_EMPTY = ['p', 'li', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']

function harden(node: ElementContent): Rewrite {
  if (node.type !== 'element') return node
  if (node.tagName === 'img') return hardenImage(node)
  if (node.tagName === 'a') return hardenLink(node)
  if (isElement(node, ...UNWRAP_WHEN_EMPTY) && !hasContent(node)) return node.children
  if (isElement(node, ...DROP_WHEN_EMPTY) && !hasContent(node)) return null
  return node
}

export function rehypeHarden() {
  return (tree: Root) => {
    dropEmptyBoldText(tree)
    rewrite(tree, harden)
  }
}
