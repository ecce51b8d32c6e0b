/**
 * Builds a synthetic content folder of N articles out of the real corpus: each
 * output file is a real file, byte for byte, except for its file name (a new
 * unique id), its `date`, and an HTML comment naming the copy at the top of a
 * non-empty body. Deterministic for a given seed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { splitFrontMatter } from '../../lib/content/check'

const LANG_FILE = /^(.*)\.(en|zh-CN|zh-HK)\.md$/
// The one front-matter line we rewrite. Anchored to the first line that starts
// with `date:` (bodies have "Date:" lines, never lowercase ones at column 0).
const DATE_LINE = /^date: *"([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2})"/m
const COPY_MARK = /^<!-- bench copy [^>]* -->\n\n/

/**
 * A copy of `text` dated `date`, with a body of its own, as on a real site: rendered
 * bodies are cached by their Markdown (lib/content/body-cache.ts), so copies sharing
 * a body would be rendered once and the build would look cheaper than the real one.
 * The mark goes first because the body's last line is its source link; the renderer
 * drops comments.
 */
function copyOf(text: string, date: string, copy: string): string {
  const dated = text.replace(DATE_LINE, (line, old: string) => line.replace(old, date))
  const split = splitFrontMatter(dated)
  if ('error' in split || !split.body.trim()) return dated
  return `${dated.slice(0, split.bodyOffset)}<!-- bench copy ${copy} -->\n\n${split.body.replace(COPY_MARK, '')}`
}

export interface Synthesized {
  dir: string
  articles: number
  bytes: number
  byLocale: Record<string, number>
  from: string
  to: string
  seconds: number
}

/** mulberry32: tiny, seedable, good enough to shuffle and spread dates. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function listCorpus(root: string): string[] {
  const out: string[] = []
  for (const lang of fs.readdirSync(root).sort()) {
    const news = path.join(root, lang, 'news')
    if (!fs.existsSync(news)) continue
    for (const source of fs.readdirSync(news).sort()) {
      for (const name of fs.readdirSync(path.join(news, source)).sort()) {
        if (LANG_FILE.test(name)) out.push(`${lang}/news/${source}/${name}`)
      }
    }
  }
  return out
}

// The site's zone (Asia/Shanghai) has had no DST since 1991, so wall-clock
// arithmetic on the naive "YYYY-MM-DD HH:mm:ss" read as UTC is exact.
const parseWall = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`)
const formatWall = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')

export function synthesize(opts: { corpus: string; out: string; articles: number; seed: number }): Synthesized {
  const started = performance.now()
  const files = listCorpus(opts.corpus)
  if (files.length === 0) throw new Error(`synthesize: no <lang>/news/<source>/<id>.<lang>.md files under ${opts.corpus}`)

  // Latin-1 keeps every byte as it was (two corpus files carry CRs, some have
  // odd Unicode); the date line we touch is plain ASCII.
  const texts = files.map((f) => fs.readFileSync(path.join(opts.corpus, f), 'latin1'))
  let newest = ''
  for (const [i, t] of texts.entries()) {
    const m = DATE_LINE.exec(t)
    if (!m) throw new Error(`synthesize: ${files[i]} has no quoted "YYYY-MM-DD HH:mm:ss" date`)
    if (m[1] > newest) newest = m[1]
  }
  const end = parseWall(newest)
  const startDate = new Date(end)
  startDate.setUTCFullYear(startDate.getUTCFullYear() - 1)
  const start = startDate.getTime()

  // Shuffled once, then cycled: a prefix of a sorted list would be all English
  // at 5,000, while a shuffled cycle keeps the locale/source mix at any N.
  const random = rng(opts.seed)
  const order = files.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }

  fs.rmSync(opts.out, { recursive: true, force: true })
  const made = new Set<string>()
  const byLocale: Record<string, number> = {}
  let bytes = 0
  for (let n = 0; n < opts.articles; n++) {
    const k = order[n % order.length]
    const [lang, , source, name] = files[k].split('/')
    const [, id] = LANG_FILE.exec(name)!
    // Original id plus a sequence number: unique, Hugo-safe (the corpus ids are
    // [A-Za-z0-9_.,-]) and it keeps the real ids' shapes (dots, commas) in slugs.
    const file = `${lang}/news/${source}/${id}-b${n}.${lang}.md`
    const date = formatWall(start + Math.floor(random() * (end - start + 1) / 1000) * 1000)
    const text = copyOf(texts[k], date, `b${n}`)
    if (!made.has(path.dirname(file))) {
      fs.mkdirSync(path.join(opts.out, path.dirname(file)), { recursive: true })
      made.add(path.dirname(file))
    }
    fs.writeFileSync(path.join(opts.out, file), text, 'latin1')
    byLocale[lang] = (byLocale[lang] ?? 0) + 1
    bytes += text.length
  }
  return {
    dir: opts.out,
    articles: opts.articles,
    bytes,
    byLocale,
    from: formatWall(start),
    to: newest,
    seconds: (performance.now() - started) / 1000,
  }
}

const ADDED = /-new\d+\.(en|zh-CN|zh-HK)\.md$/

/**
 * The next day's news for the incremental build: `count` copies of the data set's own
 * files under new ids, dated after everything in it, one minute apart. Returns their paths.
 */
export function addNewArticles(opts: { dataset: string; count: number; seed: number }): string[] {
  removeNewArticles(opts.dataset)
  const files = listCorpus(opts.dataset)
  let newest = 0
  const texts = files.map((f) => fs.readFileSync(path.join(opts.dataset, f), 'latin1'))
  for (const t of texts) newest = Math.max(newest, parseWall(DATE_LINE.exec(t)?.[1] ?? '1970-01-01 00:00:00'))
  const random = rng(opts.seed)
  const added: string[] = []
  for (let n = 0; n < opts.count; n++) {
    const k = Math.floor(random() * files.length)
    const [, id, lang] = LANG_FILE.exec(files[k])!
    const file = `${id}-new${n}.${lang}.md`
    const date = formatWall(newest + (n + 1) * 60_000)
    fs.writeFileSync(path.join(opts.dataset, file), copyOf(texts[k], date, `new${n}`), 'latin1')
    added.push(file)
  }
  return added
}

/** Takes the data set back to its synthesized N articles. */
export function removeNewArticles(dataset: string): void {
  for (const file of listCorpus(dataset)) if (ADDED.test(file)) fs.rmSync(path.join(dataset, file))
}
