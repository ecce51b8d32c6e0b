/**
 * Plain text of a Markdown body, fast and approximate: for list excerpts,
 * reading time and the search index, which need the words, not the markup.
 * Rendering every body with the full pipeline just for this would cost the
 * content build minutes at 30k articles; pages render their own body anyway.
 */
import { decodeHTML } from 'entities'

const RULES: [RegExp, string][] = [
  [/<!--[\s\S]*?-->/g, ' '],
  [/<(script|style|iframe|noscript|svg|object)\b[\s\S]*?<\/\1\s*>/gi, ' '],
  [/<[^>\n]{0,2000}>/g, ' '], // HTML tags (bounded: a stray "<" must not swallow the body)
  [/^```[^\n]*$/gm, ' '], // code fence lines (their contents stay: they are words too)
  [/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1'], // images → alt text
  [/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1'], // links → text
  [/\[([^\]\n]*)\]\[[^\]\n]*\]/g, '$1'], // reference links
  [/^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$/gm, ' '], // link definitions
  [/https?:\/\/\S+/g, ' '], // bare URLs are not words
  [/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, ''], // block markers
  [/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, ' '], // table separator rows
  [/^[=-]{3,}\s*$/gm, ' '], // setext underlines and rules
  [/(\*\*|__|\*|_|~~|`)/g, ''], // emphasis and code markers
  [/\|/g, ' '],
  [/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1'], // Markdown escapes
]

export function markdownToText(markdown: string): string {
  let text = markdown
  for (const [re, to] of RULES) text = text.replace(re, to)
  return decodeHTML(text).replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\s+/g, ' ').trim()
}
