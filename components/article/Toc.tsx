import type { Heading } from '@/lib/content'

interface Node extends Heading { children: Node[] }

/** Nests a flat heading list by depth: an h3 under the h2 before it. */
export function nestHeadings(headings: readonly Heading[]): Node[] {
  const root: Node[] = []
  const stack: Node[] = []
  for (const h of headings) {
    const node: Node = { ...h, children: [] }
    while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop()
    ;(stack.length ? stack[stack.length - 1].children : root).push(node)
    stack.push(node)
  }
  return root
}

function List({ nodes }: { nodes: Node[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.id}>
          <a href={`#${encodeURIComponent(n.id)}`}>{n.text}</a>
          {n.children.length > 0 && <List nodes={n.children} />}
        </li>
      ))}
    </ul>
  )
}

/** Shown only when there is something to navigate: two headings or more. */
export function Toc({ headings, title }: { headings: readonly Heading[]; title: string }) {
  if (headings.length < 2) return null
  return (
    <nav className="toc" aria-label={title}>
      <h2 className="toc-title">{title}</h2>
      <List nodes={nestHeadings(headings)} />
    </nav>
  )
}
