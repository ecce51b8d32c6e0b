import { decodeHTML } from 'entities'

/**
 * Front-matter strings as a reader should see them. The bot HTML-escaped some
 * titles ("Baidu&#39;s"); decode entities exactly once and let React escape on
 * output, so nothing is shown double-escaped.
 */
export function cleanText(value: string | undefined | null): string {
  if (!value) return ''
  return decodeHTML(value).replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\s+/g, ' ').trim()
}

/** CJK characters are read one by one; other scripts word by word. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu

export const READING_SPEED = { cjkCharsPerMinute: 400, wordsPerMinute: 220 }

export function readingMinutes(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0
  const words = text.replace(CJK, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  const minutes = cjk / READING_SPEED.cjkCharsPerMinute + words / READING_SPEED.wordsPerMinute
  return Math.max(1, Math.round(minutes))
}

/** The first sentence (or the first `max` characters) of a text, for descriptions and list cards. */
export function excerpt(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  const chars = Array.from(clean)
  if (chars.length <= max) return clean
  const head = chars.slice(0, max).join('')
  const stop = Math.max(head.lastIndexOf('。'), head.lastIndexOf('. '), head.lastIndexOf('！'), head.lastIndexOf('？'))
  return stop > max / 2 ? head.slice(0, stop + 1) : `${head.trimEnd()}…`
}
