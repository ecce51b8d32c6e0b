/**
 * `npm run new -- --lang zh-CN --source qq [--id ID] "Title"`: writes a draft
 * at <CONTENT_DIR>/<lang>/news/<source>/<id>.<lang>.md with the front matter of
 * the real files (same keys, order and quoting) and prints its path.
 *
 * The date is "now" in the site's zone, whatever the machine's TZ. The default
 * id is a slug of a Latin title, else a timestamp (20251130T123456). The draft is
 * run through the checker before it is written, and an existing file, or one
 * with the same URL, is never overwritten.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { stringify } from 'yaml'
import { siteConfig, type Locale } from '../site.config'
import { checkFile, formatProblem } from '../lib/content/check'
import { contentDir } from '../lib/content/dir'
import { assertContentDir } from '../lib/content/files'
import { identityFromPath } from '../lib/content/identity'
import { isLocale } from '../lib/i18n'

function fail(message: string, code = 2): never {
  console.error(`new: ${message}`)
  process.exit(code)
}

const usage = 'usage: npm run new -- --lang <en|zh-CN|zh-HK> --source <source> [--id <id>] "Title"'
function parse() {
  try {
    return parseArgs({ options: { lang: { type: 'string' }, source: { type: 'string' }, id: { type: 'string' } }, allowPositionals: true })
  } catch (e) {
    fail(`${(e as Error).message}\n${usage}`)
  }
}
const { values: { lang, source, id: givenId }, positionals } = parse()
// A title is one line, whatever the shell passed.
const title = positionals.join(' ').replace(/\s+/g, ' ').trim()
if (!lang || !source || !title) fail(usage)
if (!isLocale(lang)) fail(`--lang ${lang} is not one of ${siteConfig.locales.join(', ')}`)
const locale: Locale = lang
for (const [name, value] of [['source', source], ['id', givenId]] as const) {
  if (value !== undefined && (!value.trim() || /[/\\]/.test(value) || value.startsWith('.'))) fail(`--${name} ${JSON.stringify(value)} cannot be a file name`)
}

const now = new TZDate(Date.now(), siteConfig.timeZone)
const id = givenId ?? (latinSlug(title) || format(now, "yyyyMMdd'T'HHmmss"))

const dir = contentDir()
try {
  assertContentDir(dir)
} catch (e) {
  fail((e as Error).message)
}
const relative = `${locale}/news/${source}/${id}.${locale}.md`
const file = path.join(dir, relative)
const shown = path.isAbsolute(process.env.CONTENT_DIR ?? '') ? file : path.relative(process.cwd(), file)

const q = (value: string) => stringify(value, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd()
const list = (values: string[]) => values.map((v) => `\n  - ${q(v)}`).join('')
const text = `---
title: ${q(title)}
date: ${q(format(now, 'yyyy-MM-dd HH:mm:ss'))}
summary: ""
categories:${list([source])}
lang:${list([locale])}
translations:${list([locale])}
tags:${list([source])}
menu: ""
thumbnail: ""
lead: ""
comments: false
authorbox: false
pager: true
toc: false
mathjax: false
sidebar: "right"
widgets:${list(['search', 'recent', 'taglist'])}
draft: true
---

`

const errors = checkFile(relative, text).problems.filter((p) => p.severity === 'error')
if (errors.length > 0) fail(`the draft would not pass the checker:\n${errors.map((p) => formatProblem(p, shown)).join('\n')}`)

if (fs.existsSync(file)) fail(`${shown} already exists; pick another --id`, 1)
const clash = sameUrl(relative)
if (clash) fail(`${clash} already has the URL this file would get; pick another --id`, 1)

fs.mkdirSync(path.dirname(file), { recursive: true })
try {
  fs.writeFileSync(file, text, { flag: 'wx' })
} catch (e) {
  fail(`${shown}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'already exists; pick another --id' : (e as Error).message}`, 1)
}
console.log(shown)

/** "Fed Holds Rates: What's Next?" → "fed-holds-rates-whats-next"; '' when the title is not in Latin script. */
function latinSlug(text: string): string {
  const plain = text.normalize('NFKD').replace(/\p{M}/gu, '')
  if (/(?!\p{Script=Latin})\p{L}/u.test(plain)) return ''
  const words = plain.toLowerCase().replace(/['’]/g, '').split(/[^a-z0-9]+/).filter(Boolean)
  let slug = ''
  for (const w of words) {
    if (slug && slug.length + w.length + 1 > 60) break
    slug = slug ? `${slug}-${w}` : w.slice(0, 60)
  }
  return slug
}

/** Another file of the folder that urlizes to the same slug (Foo,Bar.en.md vs foobar.en.md). */
function sameUrl(rel: string): string | undefined {
  const mine = identityFromPath(rel)
  const folder = path.dirname(path.join(dir, rel))
  if (!mine || !fs.existsSync(folder)) return undefined
  const other = fs.readdirSync(folder).find((name) => name.endsWith('.md') && identityFromPath(`${locale}/news/${source}/${name}`)?.slug === mine.slug)
  return other && path.join(path.dirname(shown), other)
}
