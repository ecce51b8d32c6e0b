/**
 * The bot that wrote the articles ends each body with a lone link to the
 * original page, "[benzinga](https://…)". Kanbao shows it as the article's
 * source link (and JSON-LD isBasedOn) rather than as a stray paragraph.
 */
export interface SourceLink {
  name: string
  url: string
}

const LAST_LINE_LINK = /\n?[ \t]*\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)[ \t]*\s*$/

export function splitSourceLink(body: string): { body: string; sourceLink?: SourceLink } {
  const m = LAST_LINE_LINK.exec(body)
  // Only a link standing on its own line counts; one ending a sentence is body text.
  if (!m || !(m.index === 0 || body[m.index] === '\n')) return { body }
  return { body: body.slice(0, m.index).trimEnd(), sourceLink: { name: m[1].trim(), url: m[2] } }
}
