/** Splits text into plain and matched parts so the page can wrap matches in <mark> (React escapes both). */
export interface Part {
  text: string
  match: boolean
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function highlight(text: string, terms: readonly string[]): Part[] {
  const usable = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length).slice(0, 50)
  if (usable.length === 0) return [{ text, match: false }]
  const re = new RegExp(usable.map(escapeRegExp).join('|'), 'giu')
  const parts: Part[] = []
  let last = 0
  for (const m of text.matchAll(re)) {
    const i = m.index ?? 0
    if (i > last) parts.push({ text: text.slice(last, i), match: false })
    // Adjacent bigram matches ("欧洲" + "洲人") merge into one highlight.
    const prev = parts[parts.length - 1]
    if (prev?.match && i === last) prev.text += m[0]
    else parts.push({ text: m[0], match: true })
    last = i + m[0].length
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false })
  return parts
}
