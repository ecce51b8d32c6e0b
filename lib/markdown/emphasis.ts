/**
 * Emphasis next to emoji as the site has always shown it: `**🍕**Perfect` is bold.
 * CommonMark 0.31 counts every symbol as punctuation, which keeps that `**` from
 * closing; remark, which rendered these articles before, looked at one UTF-16 unit at a
 * time and so never saw emoji beyond the first plane as symbols, and the converter that
 * wrote them expected the same. Only those characters are read differently here; the
 * rest is markdown-it's own delimiter scan.
 */
import markdownIt, { type MarkdownIt } from 'markdown-it'

const { isMdAsciiPunct, isPunctCharCode, isWhiteSpace } = markdownIt().utils
const BaseState = markdownIt().inline.State

const isPunctuation = (code: number) => code <= 0xffff && (isMdAsciiPunct(code) || isPunctCharCode(code))

function codePointBefore(text: string, index: number): number {
  const low = text.charCodeAt(index - 1)
  if (low >= 0xdc00 && low <= 0xdfff && index > 1) return text.codePointAt(index - 2) ?? low
  return low
}

class StateInline extends BaseState {
  scanDelims(start: number, canSplitWord: boolean) {
    const marker = this.src.charCodeAt(start)
    const last = start === 0 ? 0x20 : codePointBefore(this.src, start)
    let pos = start
    while (pos < this.posMax && this.src.charCodeAt(pos) === marker) pos++
    const next = pos < this.posMax ? (this.src.codePointAt(pos) ?? 0x20) : 0x20
    const lastPunct = isPunctuation(last)
    const nextPunct = isPunctuation(next)
    const lastSpace = isWhiteSpace(last)
    const nextSpace = isWhiteSpace(next)
    const left = !nextSpace && (!nextPunct || lastSpace || lastPunct)
    const right = !lastSpace && (!lastPunct || nextSpace || nextPunct)
    return {
      can_open: left && (canSplitWord || !right || lastPunct),
      can_close: right && (canSplitWord || !left || nextPunct),
      length: pos - start,
    }
  }
}

export function emojiEmphasisPlugin(md: MarkdownIt): void {
  md.inline.State = StateInline
}
