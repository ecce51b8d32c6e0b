import type { Element, ElementContent, Nodes, Root } from 'hast'

type Parent = Root | Element

/** What a rewrite does with one node: keep or replace it, splice in several, or drop it. */
export type Rewrite = ElementContent | ElementContent[] | null

/**
 * Post-order rewrite: a node is seen after its children are final, so "is this
 * link empty?" already accounts for images dropped inside it. Each child list
 * is rebuilt once, which keeps removals linear on very large bodies.
 */
export function rewrite(parent: Parent, fn: (node: ElementContent) => Rewrite): void {
  const next: ElementContent[] = []
  for (const child of parent.children as ElementContent[]) {
    if (child.type === 'element') rewrite(child, fn)
    const result = fn(child)
    if (Array.isArray(result)) next.push(...result)
    else if (result) next.push(result)
  }
  parent.children = next
}

/** Zero-width characters count as blank: the source pages pad with them. */
const VISIBLE = /[^\s\u200b-\u200d\u2060]/

/** Elements that show something to a reader without any text. */
const EMBEDDED = new Set(['img', 'input', 'hr'])

/** Does the node show anything? Stops at the first visible thing it finds. */
export function hasContent(node: Nodes): boolean {
  if (node.type === 'text') return VISIBLE.test(node.value)
  if (node.type === 'element' && EMBEDDED.has(node.tagName)) return true
  return 'children' in node && node.children.some(hasContent)
}

export function isElement(node: Nodes, ...names: string[]): node is Element {
  return node.type === 'element' && names.includes(node.tagName)
}
