/**
 * The content checker behind `npm run check`: finds what would keep a Markdown
 * file out of the content build (or put it at the wrong URL) before contentlayer2
 * runs, with the file's real line numbers. Checking is pure (text in, problems
 * out); only the invalid-files report at the bottom touches the disk.
 *
 * The rules follow contentlayer2 0.5.8 as configured in contentlayer.config.ts:
 * what it rejects is an error, what it reads fine but a reader would not want
 * (empty body, broken thumbnail) is a warning.
 */
import fs from 'node:fs'
import path from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml'
import { siteConfig, type Locale, type WidgetName } from '@/site.config'
import { contentDir } from '@/lib/content/dir'
import { identityFromPath, type ArticleIdentity } from '@/lib/content/identity'
import { normalizeThumbnail } from '@/lib/content/model'
import { parseSiteDate } from '@/lib/dates'
import { isLocale } from '@/lib/i18n'
// From harden.ts (render.ts re-exports it), so the checker never loads the Markdown pipeline.
import { MAX_DATA_IMAGE_URI_LENGTH } from '@/lib/markdown/harden'
import { parsePath, paths } from '@/lib/urls'

export type Severity = 'error' | 'warning'

export interface Problem {
  /** Content-relative path, forward slashes. */
  file: string
  /** 1-based line in the file. */
  line: number
  /** Front-matter key, or one of: front matter, path, url, body. */
  field: string
  message: string
  severity: Severity
}

export interface CheckedFile {
  file: string
  problems: Problem[]
  /** The article URL, when the file has no errors and so will claim it. */
  url?: string
  /** The file name is already its slug ("foobar" rather than "Foo,Bar"): it keeps a contested URL. */
  canonical: boolean
}

export interface CheckResult {
  files: number
  /** Sorted by file, then line. */
  problems: Problem[]
  errors: number
  warnings: number
}

// Mirrors the field types in contentlayer.config.ts (tests/check.test.ts compares them).
export const STRING_FIELDS = ['title', 'date', 'publishDate', 'lastmod', 'expiryDate', 'summary', 'lead']
export const LIST_FIELDS = ['lang', 'translations', 'categories', 'tags', 'widgets']
export const BOOLEAN_FIELDS = ['draft', 'comments', 'authorbox', 'pager', 'toc', 'mathjax']
export const JSON_FIELDS = ['menu', 'thumbnail', 'sidebar']
const REQUIRED = ['title', 'date', 'lang']
const DATE_FIELDS = ['date', 'publishDate', 'lastmod', 'expiryDate']
// contentlayer2 takes a `type` key as the document type's name.
const TYPE_FIELD = 'type'
const KNOWN = new Set([...STRING_FIELDS, ...LIST_FIELDS, ...BOOLEAN_FIELDS, ...JSON_FIELDS, TYPE_FIELD])
const SIDEBARS = ['left', 'right', 'none', 'false', '']
// A Record so adding a WidgetName to site.config fails to compile until it is listed here.
const WIDGETS = Object.keys({ search: 1, recent: 1, taglist: 1, categories: 1, languages: 1, social: 1 } satisfies Record<WidgetName, 1>)
const CRLF_HINT = ' (CRLF line endings: contentlayer2 leaves a "\\r" before the closing "---"; save the file with LF line endings)'
const DATA_IMAGE = /data:image\/[^\s"'()<>\]]*/gi

export interface FrontMatter {
  /** The YAML text; its line 1 is the file's line 1 (the opening `---`), so YAML lines are file lines. */
  yaml: string
  /** Line of the closing `---`. */
  closeLine: number
  body: string
  /** Offset of the body in the (BOM-less) text. */
  bodyOffset: number
}

/**
 * Splits front matter exactly as gray-matter 4 does for contentlayer2: one
 * leading BOM is dropped by the caller; the file must start with `---` (not `----`),
 * anything after it on that line names the language, and the block ends at the
 * first "\n---". So with CRLF line endings the block keeps the "\r" of its last
 * line, as contentlayer2's does; checkFile reports what that breaks.
 */
export function splitFrontMatter(text: string): FrontMatter | { error: string; line: number } {
  if (!text.startsWith('---') || text[3] === '-') return { error: 'missing: the file must start with a "---" line', line: 1 }
  const eol = text.slice(3).search(/\r?\n/)
  if (eol < 0) return { error: 'no closing "---" line', line: 1 }
  const language = text.slice(3, 3 + eol).trim()
  if (language && !/^ya?ml$/i.test(language)) return { error: `"${language}" front matter is not supported, only YAML`, line: 1 }
  const start = 3 + eol
  const close = text.indexOf('\n---', start)
  if (close < 0) return { error: 'no closing "---" line', line: 1 }
  let bodyOffset = close + 4
  if (text[bodyOffset] === '\r') bodyOffset++
  if (text[bodyOffset] === '\n') bodyOffset++
  // Everything before `start` is on line 1, so prefixing nothing keeps YAML lines = file lines.
  return { yaml: text.slice(start, close), closeLine: lineOf(text, close + 1), body: text.slice(bodyOffset), bodyOffset }
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

function describe(value: unknown): string {
  if (value == null) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return `the date ${value.toISOString()}`
  if (typeof value === 'object' && value !== null) return 'a mapping'
  return `${typeof value} ${JSON.stringify(value)}`
}

const isBlank = (v: unknown) => v == null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** Checks one file. `file` is content-relative with forward slashes; `text` is its UTF-8 content. */
export function checkFile(file: string, text: string): CheckedFile {
  const problems: Problem[] = []
  const add = (severity: Severity, line: number, field: string, message: string) =>
    problems.push({ file, line, field, message, severity })
  const id = identityFromPath(file)
  const result = (): CheckedFile => {
    const ok = !problems.some((p) => p.severity === 'error')
    return { file, problems, canonical: id?.fileId === id?.slug, url: ok && id ? paths.article(id.locale, id.source, id.slug) : undefined }
  }

  checkPath(file, id, add)
  // gray-matter strips one BOM, so a BOM costs nothing; a second one hides the `---`.
  const unbommed = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const fm = splitFrontMatter(unbommed)
  if ('error' in fm) {
    add('error', fm.line, 'front matter', unbommed.charCodeAt(0) === 0xfeff ? 'the file starts with two byte-order marks; remove them' : fm.error)
    return result()
  }

  const lc = new LineCounter()
  // Same parser and default options as contentlayer2's `yaml.parse` (duplicate keys are errors).
  const doc = parseDocument(fm.yaml, { lineCounter: lc, prettyErrors: false })
  const lineAt = (offset: number) => Math.max(1, lc.linePos(offset).line)
  // With CRLF line endings gray-matter cuts the block at "\n---", so the last line keeps its "\r":
  // YAML rejects it after a quoted value or a flow list, and appends it to a plain value.
  const crlf = fm.yaml.endsWith('\r')
  for (const e of doc.errors) {
    const line = lineAt(e.pos[0])
    add('error', line, 'front matter', `YAML: ${e.message.split('\n')[0]}${crlf && line === fm.closeLine - 1 ? CRLF_HINT : ''}`)
  }
  if (doc.errors.length > 0) return result()
  if (crlf) add('warning', fm.closeLine - 1, 'front matter', `the last line keeps a stray "\\r"${CRLF_HINT}`)
  for (const w of doc.warnings) add('warning', lineAt(w.pos[0]), 'front matter', `YAML: ${w.message.split('\n')[0]}`)
  if (doc.contents !== null && !isMap(doc.contents)) {
    add('error', lineAt(doc.contents.range?.[0] ?? 0), 'front matter', 'expected "key: value" lines')
    return result()
  }
  let data: Record<string, unknown>
  try {
    data = (doc.toJS() ?? {}) as Record<string, unknown>
  } catch (e) {
    add('error', 1, 'front matter', `YAML: ${(e as Error).message}`)
    return result()
  }

  const pairs = new Map<string, Pair>()
  for (const pair of isMap(doc.contents) ? doc.contents.items : []) {
    if (isScalar(pair.key)) pairs.set(String(pair.key.value), pair)
  }
  const keyLine = (field: string) => lineAt((pairs.get(field)?.key as Node | undefined)?.range?.[0] ?? 0)
  const itemLine = (field: string, index: number) => {
    const value = pairs.get(field)?.value
    const item = isSeq(value) ? (value.items[index] as Node | undefined) : undefined
    return item?.range ? lineAt(item.range[0]) : keyLine(field)
  }
  const error = (field: string, message: string, line = keyLine(field)) => add('error', line, field, message)
  const warn = (field: string, message: string, line = keyLine(field)) => add('warning', line, field, message)

  for (const field of REQUIRED) if (isBlank(data[field])) error(field, 'required, must not be empty')
  for (const field of STRING_FIELDS) {
    const v = data[field]
    // Unquoted 2025 or true are numbers and booleans to YAML.
    const hint = typeof v === 'number' || typeof v === 'boolean' || v instanceof Date ? '; put the value in quotes' : ''
    if (v != null && typeof v !== 'string') error(field, `must be text, got ${describe(v)}${hint}`)
    else if (DATE_FIELDS.includes(field) && typeof v === 'string' && v.trim() && !parseSiteDate(v)) {
      error(field, `not a valid date: ${JSON.stringify(v)} (expected "YYYY-MM-DD HH:mm:ss")`)
    }
  }
  for (const field of BOOLEAN_FIELDS) {
    const v = data[field]
    if (v != null && typeof v !== 'boolean') error(field, `must be true or false, got ${describe(v)}`)
  }
  for (const field of LIST_FIELDS) {
    const v = data[field]
    if (v == null) continue
    if (!Array.isArray(v)) {
      const example = typeof v === 'string' ? `, e.g. ${field}: [${JSON.stringify(v)}]` : ''
      error(field, `must be a list, got ${describe(v)}${example}`)
      continue
    }
    v.forEach((item, i) => {
      if (typeof item !== 'string') error(field, `list items must be text, got ${describe(item)}`, itemLine(field, i))
    })
  }

  checkLang(file, id?.locale, data.lang, (message, index) => error('lang', message, index === undefined ? keyLine('lang') : itemLine('lang', index)))
  if (Array.isArray(data.translations)) {
    data.translations.forEach((t, i) => {
      if (typeof t === 'string' && !isLocale(t)) warn('translations', `${JSON.stringify(t)} is not a site language; ignored`, itemLine('translations', i))
    })
  }
  if (Array.isArray(data.widgets)) {
    data.widgets.forEach((w, i) => {
      if (typeof w === 'string' && !WIDGETS.includes(w)) error('widgets', `unknown widget ${JSON.stringify(w)} (known: ${WIDGETS.join(', ')})`, itemLine('widgets', i))
    })
  }
  const sidebar = data.sidebar
  if (sidebar != null && sidebar !== false && !(typeof sidebar === 'string' && SIDEBARS.includes(sidebar))) {
    error('sidebar', `must be left, right, none or false, got ${describe(sidebar)}`)
  }
  if (TYPE_FIELD in data && data[TYPE_FIELD] !== 'Article') {
    error(TYPE_FIELD, `contentlayer2 reads "type" as the document type and only "Article" exists; remove the key`)
  }
  for (const key of Object.keys(data)) if (!KNOWN.has(key)) warn(key, 'not part of the content model (contentlayer.config.ts); ignored')

  if (!isBlank(data.thumbnail) && !normalizeThumbnail(data.thumbnail)) warn('thumbnail', 'not an http(s) URL; no thumbnail is shown')
  checkBody(text, fm, data.draft === true, (line, message) => warn('body', message, line))
  return result()
}

type PathProblem = (severity: Severity, line: number, field: string, message: string) => void

function checkPath(file: string, id: ArticleIdentity | undefined, add: PathProblem) {
  const layout = `expected <lang>/news/<source>/<id>.<lang>.md with <lang> one of ${siteConfig.locales.join(', ')}`
  if (!id) return add('error', 1, 'path', layout)
  const folder = file.split('/')[0]
  const suffix = /\.([^./]+)\.md$/i.exec(file)?.[1]
  const named = siteConfig.locales.find((l) => l.toLowerCase() === suffix?.toLowerCase())
  if (named && named !== id.locale) add('error', 1, 'path', `the file name says ${named} but it is in the ${folder}/ folder`)
  if (!named) add('warning', 1, 'path', `the file name does not end in .${id.locale}.md`)
  if (!id.source) return add('error', 1, 'path', `the source folder gives an empty URL segment; use letters or digits`)
  if (!id.slug) return add('error', 1, 'path', `the file name gives an empty URL slug; use letters or digits`)
  const url = paths.article(id.locale, id.source, id.slug)
  const back = parsePath(url)
  if (back?.kind !== 'article' || back.source !== id.source || back.slug !== id.slug) {
    add('error', 1, 'url', `${url} would not lead to this article; rename the file`)
  }
}

/** Accepts a one-element list (what the real files have) or a plain string, whose type is reported separately. */
function checkLang(file: string, folder: Locale | undefined, value: unknown, error: (message: string, index?: number) => void) {
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : []
  const index = (i: number) => (Array.isArray(value) ? i : undefined)
  if (values.length > 1) error(`one language per file, got ${values.length}`)
  values.forEach((v, i) => {
    if (typeof v !== 'string') return
    if (isBlank(v)) error('empty language', index(i))
    else if (!isLocale(v)) {
      const hint = siteConfig.locales.find((l) => l.toLowerCase() === v.toLowerCase())
      error(`${JSON.stringify(v)} is not a site language (${siteConfig.locales.join(', ')})${hint ? `; did you mean "${hint}"?` : ''}`, index(i))
    } else if (folder && v !== folder) {
      error(`${JSON.stringify(v)} does not match the folder ${file.split('/')[0]}/ (${folder})`, index(i))
    }
  })
}

function checkBody(text: string, fm: FrontMatter, draft: boolean, warn: (line: number, message: string) => void) {
  // A draft is work in progress; an empty body matters once it is published.
  if (!draft && fm.body.trim() === '') warn(fm.closeLine + 1, 'empty; the article page would show only its title')
  if (!fm.body.includes('data:')) return
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (const m of fm.body.matchAll(DATA_IMAGE)) {
    if (m[0].length <= MAX_DATA_IMAGE_URI_LENGTH) continue
    const line = lineOf(text, bomLength + fm.bodyOffset + m.index)
    warn(line, `data: image URI of ${m[0].length} characters (over ${MAX_DATA_IMAGE_URI_LENGTH}) is dropped by the renderer; link the image instead`)
  }
}

/**
 * Two files claiming one URL (`Foo,Bar.en.md` and `foobar.en.md` both urlize to
 * "foobar"): the one whose name is already its slug keeps it (else the first by
 * path), the others are errors. Files with errors claim nothing: the build drops them.
 */
export function duplicateUrlProblems(files: readonly CheckedFile[]): Problem[] {
  const byUrl = new Map<string, CheckedFile[]>()
  for (const f of files) if (f.url) byUrl.set(f.url, [...(byUrl.get(f.url) ?? []), f])
  const problems: Problem[] = []
  for (const [url, group] of byUrl) {
    if (group.length < 2) continue
    const [keeper, ...others] = [...group].sort((a, b) => Number(b.canonical) - Number(a.canonical) || (a.file < b.file ? -1 : 1))
    for (const f of others) {
      problems.push({ file: f.file, line: 1, field: 'url', message: `${url} is already the URL of ${keeper.file}; rename this file`, severity: 'error' })
    }
  }
  return problems
}

/** Checks a content folder's files (read lazily, so 30k bodies are never held at once). */
export function checkFiles(files: Iterable<{ file: string; text: string }>): CheckResult {
  const checked: CheckedFile[] = []
  for (const { file, text } of files) checked.push(checkFile(file, text))
  return summarize(checked)
}

/** The folder's result from each file's: adds what only the whole folder shows (two files, one URL). */
export function summarize(checked: readonly CheckedFile[]): CheckResult {
  const problems = [...checked.flatMap((c) => c.problems), ...duplicateUrlProblems(checked)]
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
  const errors = problems.filter((p) => p.severity === 'error').length
  return { files: checked.length, problems, errors, warnings: problems.length - errors }
}

/** `path:line: field: message`, warnings as `path:line: warning: field: message`. */
export function formatProblem(p: Problem, displayPath = p.file): string {
  return `${displayPath}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.field}: ${p.message}`
}

// ---------------------------------------------------------------------------
// The invalid-files report: `npm run check -- --allow-invalid` writes it, the
// content build reads it to leave those files out and account for them.

export interface InvalidFile {
  /** Content-relative path, forward slashes (as contentlayer's `_raw.sourceFilePath`). */
  path: string
  reasons: { line: number; field: string; message: string }[]
}

export interface InvalidReport {
  /** Absolute content folder the report was made for. */
  contentDir: string
  checkedAt: string
  /** Markdown files checked. */
  files: number
  invalid: InvalidFile[]
}

export const DEFAULT_INVALID_REPORT = 'reports/invalid-content.json'

/** INVALID_REPORT overrides the location (tests use a temporary file). */
export function invalidReportPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.INVALID_REPORT || DEFAULT_INVALID_REPORT)
}

export function makeInvalidReport(dir: string, result: CheckResult, checkedAt = new Date()): InvalidReport {
  const byFile = new Map<string, InvalidFile>()
  for (const p of result.problems) {
    if (p.severity !== 'error') continue
    const entry = byFile.get(p.file) ?? { path: p.file, reasons: [] }
    entry.reasons.push({ line: p.line, field: p.field, message: p.message })
    byFile.set(p.file, entry)
  }
  return { contentDir: path.resolve(dir), checkedAt: checkedAt.toISOString(), files: result.files, invalid: [...byFile.values()] }
}

export function writeInvalidReport(report: InvalidReport, file = invalidReportPath()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
}

export function removeInvalidReport(file = invalidReportPath()): void {
  fs.rmSync(file, { force: true })
}

/**
 * The report for `dir`, or undefined when there is none or it was made for
 * another content folder (so a stale report never hides files of this one).
 */
export function readInvalidReport(options: { contentDir?: string; file?: string } = {}): InvalidReport | undefined {
  const file = options.file ?? invalidReportPath()
  const dir = path.resolve(options.contentDir ?? contentDir())
  if (!fs.existsSync(file)) return undefined
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as InvalidReport
  return report.contentDir === dir ? report : undefined
}

/** A content-relative path as a literal fast-glob pattern, for makeSource's `contentDirExclude`. */
export function excludeGlob(relativePath: string): string {
  return relativePath.replace(/[\\()[\]{}*?!|+@]/g, '\\$&')
}
