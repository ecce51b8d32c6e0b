/**
 * Tokens for a search index that works for Chinese without spaces.
 *
 * Documents are indexed by overlapping character bigrams of every CJK run
 * (plus lowercase Latin words), so any two-character substring is findable.
 * Queries are first cut into words with Intl.Segmenter and only then into
 * bigrams, within each word: "欧洲人工智能" asks for 欧洲, 人工, 智能 (and, when
 * the segmenter keeps 人工智能 whole, 工智 too) but never the accidental 洲人
 * that spans two words and that a document may not contain.
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const LATIN_WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu

function bigrams(run: string): string[] {
  const chars = Array.from(run)
  if (chars.length < 2) return chars
  const out: string[] = []
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1])
  return out
}

function latinWords(text: string): string[] {
  return (text.replace(CJK_RUN, ' ').match(LATIN_WORD) ?? []).map((w) => w.toLowerCase())
}

/** Index-side tokens of a document field. */
export function tokenizeDocument(text: string): string[] {
  const normalized = text.normalize('NFKC')
  const cjk = (normalized.match(CJK_RUN) ?? []).flatMap(bigrams)
  return [...cjk, ...latinWords(normalized)]
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/**
 * Query-side tokens: segmenter words, cut into bigrams within each word. Adjacent
 * one-character words ("有" "自" in 有自) are read as one run: alone, each would be a
 * prefix search over every bigram it starts, thousands of terms for a common
 * character (0.6 s at 30k articles), and the reader typed them together.
 * Capped so absurd input stays cheap.
 */
export function tokenizeQuery(query: string, max = 32): string[] {
  const normalized = query.normalize('NFKC').slice(0, 500)
  const out: string[] = []
  let singles = ''
  const flush = () => {
    if (singles) out.push(...bigrams(singles))
    singles = ''
  }
  for (const { segment, isWordLike } of segmenter.segment(normalized)) {
    if (isWordLike && CJK_CHAR.test(segment) && Array.from(segment).length === 1) {
      singles += segment
      continue
    }
    flush()
    if (!isWordLike) continue
    if (CJK_CHAR.test(segment)) {
      for (const run of segment.match(CJK_RUN) ?? []) out.push(...bigrams(run))
      out.push(...latinWords(segment))
    } else out.push(...latinWords(segment))
  }
  flush()
  return [...new Set(out)].slice(0, max)
}

export function isCjkToken(token: string): boolean {
  return CJK_CHAR.test(token)
}

/**
 * How a token is stored in the index. MiniSearch keeps terms in a radix tree that
 * scans a node's children on every insert; CJK bigrams start with thousands of
 * different characters, which made loading a Chinese index quadratic (21 s for
 * 1.7k zh-CN articles). Spelled as "~" plus the UTF-16 code units in hex, they
 * branch 16 ways instead (0.3 s), and a lone character's code is still a prefix
 * of the bigrams it starts. Latin words never contain "~", so the two cannot clash.
 */
export function indexTerm(token: string): string {
  if (!isCjkToken(token)) return token
  let out = '~'
  for (let i = 0; i < token.length; i++) out += token.charCodeAt(i).toString(16).padStart(4, '0')
  return out
}

/** The inverse of indexTerm: the words a reader typed, for highlighting. */
export function displayTerm(term: string): string {
  if (!term.startsWith('~')) return term
  const units = term.slice(1).match(/.{4}/g) ?? []
  return String.fromCharCode(...units.map((u) => parseInt(u, 16)))
}
