/**
 * Repairs for what the bot's HTML-to-markdown converter got wrong, applied
 * before or right after parsing, while the original intent is still visible.
 */
/**
 * The converter writes some images as `![]()https://host/x.gif![]()`. Left
 * alone, GFM autolinking swallows the `![` that follows the URL and readers
 * get a broken link instead of the picture. The URL class stops at brackets
 * and whitespace, so the scan stays linear even on 50,000-character lines.
 */
const GLUED_IMAGE = /!\[\]\(\)((?:https?:)?\/\/[^\s()<>[\]]+)!\[\]\(\)/g

export function unglueImages(markdown: string): string {
  return markdown.replace(GLUED_IMAGE, '![]($1)')
}

/**
 * Every element name HTML knows (current and obsolete). Chinese tech articles
 * quote LLM markup such as `<think>…</think>`; parsed as HTML, the tags would
 * vanish and take the word with them, so tags outside this list stay text
 * (lib/markdown/parse.ts).
 */
const HTML_TAGS = new Set(
  `a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big
  blink blockquote body br button canvas caption center cite code col colgroup data datalist dd
  del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame
  frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd
  keygen label legend li link listing main map mark marquee math menu menuitem meta meter nav
  nobr noembed noframes noscript object ol optgroup option output p param picture plaintext pre
  progress q rb rp rt rtc ruby s samp script search section select slot small source spacer span
  strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time
  title tr track tt u ul var video wbr xmp`.split(/\s+/),
)

const TAG_NAME = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/

export function isUnknownTag(html: string): boolean {
  const name = TAG_NAME.exec(html)?.[1]
  return name !== undefined && !HTML_TAGS.has(name.toLowerCase())
}
