import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fg from 'fast-glob'
import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { Article } from '@/contentlayer.config'
import {
  BOOLEAN_FIELDS, JSON_FIELDS, LIST_FIELDS, STRING_FIELDS,
  checkFile, checkFiles, excludeGlob, formatProblem, readInvalidReport, splitFrontMatter, type Problem,
} from '@/lib/content/check'
import { listMarkdownFiles } from '@/lib/content/files'
import { parseSiteDate } from '@/lib/dates'

const root = path.resolve(__dirname, '..')
const fixturesRel = 'tests/fixtures/content-invalid'
const fixtures = path.join(root, fixturesRel)
const corpus = path.resolve(__dirname, '../../shared/corpus/content')

function checkDir(dir: string) {
  const files = listMarkdownFiles(dir)
  return checkFiles(files.map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') })))
}

function run(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync('npx', ['tsx', script, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Every problem of every fixture: [line, field, severity, message pattern]. */
type Expected = [number, string, 'error' | 'warning', RegExp]
const en = 'en/news/fixture/'
const expected: Record<string, Expected[]> = {
  'en/misc/stray.en.md': [[1, 'path', 'error', /<lang>\/news\/<source>\/<id>\.<lang>\.md/]],
  [`${en}Foo,Bar.en.md`]: [[1, 'url', 'error', /\/news\/fixture\/foobar\/ is already the URL of en\/news\/fixture\/foobar\.en\.md/]],
  [`${en}bad-types.en.md`]: [
    [14, 'thumbnail', 'warning', /not an http\(s\) URL/],
    [21, 'sidebar', 'error', /got string "top"/],
    [26, 'draft', 'error', /true or false, got string "yes"/],
  ],
  [`${en}bom.en.md`]: [],
  [`${en}broken-yaml.en.md`]: [[4, 'front matter', 'error', /^YAML: Nested mappings/]],
  [`${en}crlf.en.md`]: [[25, 'front matter', 'warning', /CRLF line endings/]],
  [`${en}crlf-quoted.en.md`]: [[25, 'front matter', 'error', /^YAML: .*CRLF line endings/]],
  [`${en}data-uri.en.md`]: [[30, 'body', 'warning', /data: image URI of 2222 characters/]],
  [`${en}empty-body.en.md`]: [[27, 'body', 'warning', /^empty/]],
  [`${en}foobar.en.md`]: [],
  [`${en}impossible-date.en.md`]: [[3, 'date', 'error', /not a valid date: "2025-02-30 08:00:00"/]],
  [`${en}lang-string.en.md`]: [[7, 'lang', 'error', /must be a list, got string "en"/]],
  [`${en}missing-title.en.md`]: [[1, 'title', 'error', /required/]],
  [`${en}no-front-matter.en.md`]: [[1, 'front matter', 'error', /must start with a "---" line/]],
  [`${en}not-a-list.en.md`]: [[11, 'tags', 'error', /must be a list/]],
  [`${en}unknown-widget.en.md`]: [[24, 'widgets', 'error', /unknown widget "calendar"/]],
  [`${en}valid.en.md`]: [],
  [`${en}zh-file.zh-CN.md`]: [
    [1, 'path', 'error', /says zh-CN but it is in the en\/ folder/],
    [8, 'lang', 'error', /"zh-CN" does not match the folder en\//],
  ],
  'zh-CN/news/fixture/lang-mismatch.zh-CN.md': [[8, 'lang', 'error', /"en" does not match the folder zh-CN\//]],
}
const invalid = Object.keys(expected).filter((f) => expected[f].some((e) => e[2] === 'error')).sort()

describe('content checker on the fixtures', () => {
  const result = checkDir(fixtures)

  it('covers exactly the fixture files', () => {
    expect(listMarkdownFiles(fixtures)).toEqual(Object.keys(expected).sort())
    // A checkout that rewrote line endings or dropped the BOM would test nothing.
    expect(fs.readFileSync(path.join(fixtures, en, 'crlf.en.md'), 'utf8')).toContain('\r\n---\r\n')
    expect(fs.readFileSync(path.join(fixtures, en, 'bom.en.md'), 'utf8').charCodeAt(0)).toBe(0xfeff)
  })

  it.each(Object.entries(expected))('%s: file, line, field and message of each problem', (file, wanted) => {
    const got = result.problems.filter((p) => p.file === file)
    expect(got.map((p) => [p.line, p.field, p.severity])).toEqual(wanted.map(([line, field, severity]) => [line, field, severity]))
    got.forEach((p, i) => expect(p.message).toMatch(wanted[i][3]))
  })

  it('counts errors and warnings', () => {
    expect(result.files).toBe(Object.keys(expected).length)
    expect(result.errors).toBe(Object.values(expected).flat().filter((e) => e[2] === 'error').length)
    expect(result.warnings).toBe(Object.values(expected).flat().filter((e) => e[2] === 'warning').length)
  })

  it('formats problems as path:line: field: message', () => {
    const p: Problem = { file: 'en/news/a/b.en.md', line: 3, field: 'date', message: 'bad', severity: 'error' }
    expect(formatProblem(p)).toBe('en/news/a/b.en.md:3: date: bad')
    expect(formatProblem({ ...p, severity: 'warning' }, 'content/x.md')).toBe('content/x.md:3: warning: date: bad')
  })
})

describe('content checker rules', () => {
  const valid = fs.readFileSync(path.join(fixtures, en, 'valid.en.md'), 'utf8')
  const check = (text: string, file = `${en}valid.en.md`) => checkFile(file, text).problems.map((p) => `${p.line}: ${p.field}: ${p.message}`)

  it('agrees with gray-matter + yaml as contentlayer2 calls them (fixtures and corpus sample)', () => {
    const corpusSample = fs.existsSync(corpus) ? listMarkdownFiles(corpus).filter((_, i) => i % 20 === 0).map((f) => path.join(corpus, f)) : []
    for (const full of [...listMarkdownFiles(fixtures).map((f) => path.join(fixtures, f)), ...corpusSample]) {
      const text = fs.readFileSync(full, 'utf8')
      let theirs: { data: unknown; content: string } | undefined
      try {
        // makeCacheItemFromFilePath.js in @contentlayer2/source-files, verbatim.
        theirs = matter(text, { engines: { yaml: (s: string) => parseYaml(s) as object } })
      } catch {
        theirs = undefined
      }
      const ours = checkFile('en/news/x/y.en.md', text).problems.filter((p) => p.message.startsWith('YAML:') && p.severity === 'error')
      expect(ours.length > 0, full).toBe(theirs === undefined)
      const split = splitFrontMatter(text.replace(/^\uFEFF/, ''))
      if (!theirs) continue
      if ('error' in split) expect(theirs.data, full).toEqual({})
      else {
        expect(parseYaml(split.yaml) ?? {}, full).toEqual(theirs.data)
        expect(split.body, full).toBe(theirs.content)
      }
    }
  })

  it('knows every field of contentlayer.config.ts and its type', () => {
    const fields = (Article.def as () => { fields: Record<string, { type: string }> })().fields
    const byType = (type: string) => Object.keys(fields).filter((k) => fields[k].type === type).sort()
    expect(byType('string')).toEqual([...STRING_FIELDS].sort())
    expect(byType('list')).toEqual([...LIST_FIELDS].sort())
    expect(byType('boolean')).toEqual([...BOOLEAN_FIELDS].sort())
    expect(byType('json')).toEqual([...JSON_FIELDS].sort())
  })

  it('reads dates in the site zone and rejects impossible ones', () => {
    expect(check(valid.replace('2025-02-07 23:04:54', '2024-02-29 12:00:00'))).toEqual([])
    expect(check(valid.replace('2025-02-07 23:04:54', '2025-13-01'))).toEqual(['3: date: not a valid date: "2025-13-01" (expected "YYYY-MM-DD HH:mm:ss")'])
    expect(check(valid.replace('date:', 'lastmod: "2025-02-29"\ndate:'))[0]).toMatch(/^3: lastmod: not a valid date/)
    expect(check(valid.replace('date:', 'publishDate: ""\ndate:'))).toEqual([])
  })

  it('rejects what contentlayer2 rejects: unquoted numbers, duplicate keys, a `type` key', () => {
    expect(check(valid.replace('title: "Fixture article"', 'title: 2025'))).toEqual(['2: title: must be text, got number 2025; put the value in quotes'])
    expect(check(valid.replace('menu: ""', 'menu: ""\ntitle: "again"'))[0]).toMatch(/^14: front matter: YAML: Map keys must be unique/)
    expect(check(valid.replace('menu: ""', 'type: post'))).toEqual([expect.stringMatching(/^13: type: contentlayer2 reads "type"/)])
    expect(check(valid.replace('  - "fixture"\nlang', '  - 2025\nlang'))).toEqual(['6: categories: list items must be text, got number 2025'])
  })

  it('wants exactly one site language in lang', () => {
    expect(check(valid.replace('lang:\n  - "en"', 'lang:\n  - ""'))).toEqual(['8: lang: empty language'])
    expect(check(valid.replace('lang:\n  - "en"', 'lang:\n  - "en"\n  - "zh-CN"'))).toEqual([
      '7: lang: one language per file, got 2',
      '9: lang: "zh-CN" does not match the folder en/ (en)',
    ])
    expect(check(valid.replace('lang:\n  - "en"', 'lang:\n  - "EN"'))).toEqual(['8: lang: "EN" is not a site language (en, zh-CN, zh-HK); did you mean "en"?'])
  })

  it('warns about keys outside the content model and translations that are no language', () => {
    expect(check(valid.replace('menu: ""', 'author: "Jane"'))).toEqual(['13: author: not part of the content model (contentlayer.config.ts); ignored'])
    expect(check(valid.replace('translations:\n  - "en"', 'translations:\n  - "fr"'))).toEqual(['10: translations: "fr" is not a site language; ignored'])
  })

  it('accepts sidebar false/none/"" and a thumbnail object', () => {
    for (const s of ['false', '"none"', '""', '"left"']) expect(check(valid.replace('sidebar: "right"', `sidebar: ${s}`))).toEqual([])
    expect(check(valid.replace(/thumbnail: .*/, 'thumbnail:\n  src: "https://example.com/a.png"\n  visibility: ["list"]'))).toEqual([])
  })

  it('does not warn about the empty body of a draft', () => {
    const empty = fs.readFileSync(path.join(fixtures, en, 'empty-body.en.md'), 'utf8')
    expect(check(empty.replace('widgets:', 'draft: true\nwidgets:'))).toEqual([])
  })

  it('reports two byte-order marks and an unclosed front matter', () => {
    expect(check(`\uFEFF\uFEFF${valid}`)).toEqual(['1: front matter: the file starts with two byte-order marks; remove them'])
    expect(check(valid.replace(/\n---\n/, '\n'))).toEqual(['1: front matter: no closing "---" line'])
  })
})

describe.skipIf(!fs.existsSync(corpus))('content checker on the real corpus', () => {
  it('finds no errors in ../shared/corpus/content', () => {
    const started = performance.now()
    const result = checkDir(corpus)
    const seconds = (performance.now() - started) / 1000
    expect(result.files).toBeGreaterThan(5000)
    expect(result.problems.filter((p) => p.severity === 'error').slice(0, 10).map((p) => formatProblem(p))).toEqual([])
    // Budget: 30k files in 30 s on two cores; this is a sixth of that, with room for a loaded machine.
    expect(seconds).toBeLessThan(15)
  })
})

describe('npm run check (CLI)', () => {
  const report = path.join(os.tmpdir(), `kanbao-invalid-${process.pid}.json`)
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-check-state-'))
  const env = { CONTENT_DIR: fixturesRel, INVALID_REPORT: report, ALLOW_INVALID: '', CONTENTLAYER_DIR: state }

  it('exits 1 and prints path:line: field: for each problem', () => {
    fs.writeFileSync(report, '{}')
    const r = run('scripts/check.ts', [], env)
    expect(r.status).toBe(1)
    const lines = r.stdout.trim().split('\n')
    for (const [file, wanted] of Object.entries(expected)) {
      for (const [line, field, severity] of wanted) {
        const prefix = `${fixturesRel}/${file}:${line}: ${severity === 'warning' ? 'warning: ' : ''}${field}: `
        expect(lines.some((l) => l.startsWith(prefix)), prefix).toBe(true)
      }
    }
    expect(lines.at(-1)).toMatch(/^check: 19 files, 15 errors in 13 files, 4 warnings \(\d+\.\d+ s\)$/)
    // A run that does not allow invalid files removes a stale report.
    expect(fs.existsSync(report)).toBe(false)
  })

  it('exits 0 with --allow-invalid or ALLOW_INVALID=1 and writes the report', () => {
    for (const [args, extra] of [[['--allow-invalid'], {}], [[], { ALLOW_INVALID: '1' }]] as const) {
      fs.rmSync(report, { force: true })
      const r = run('scripts/check.ts', [...args], { ...env, ...extra })
      expect(r.status).toBe(0)
      const got = readInvalidReport({ file: report, contentDir: fixtures })!
      expect(got.files).toBe(19)
      expect(got.invalid.map((f) => f.path)).toEqual(invalid)
      expect(got.invalid.find((f) => f.path.endsWith('impossible-date.en.md'))!.reasons).toEqual([
        { line: 3, field: 'date', message: 'not a valid date: "2025-02-30 08:00:00" (expected "YYYY-MM-DD HH:mm:ss")' },
      ])
    }
    // A report made for another content folder hides nothing.
    expect(readInvalidReport({ file: report, contentDir: corpus })).toBeUndefined()
    expect(readInvalidReport({ file: `${report}.missing`, contentDir: fixtures })).toBeUndefined()
  })

  it('gives contentlayer exclude globs that match exactly the invalid files', () => {
    const got = readInvalidReport({ file: report, contentDir: fixtures })!
    const left = fg.sync('**/*.md', { cwd: fixtures, ignore: got.invalid.map((f) => excludeGlob(f.path)) }).sort()
    expect(left).toEqual(listMarkdownFiles(fixtures).filter((f) => !invalid.includes(f)))
    const odd = 'en/news/x/a[1] (b){c}*?+@!.en.md'
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-glob-'))
    for (const f of [odd, 'en/news/x/a1.en.md', 'en/news/x/a.en.md']) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true })
      fs.writeFileSync(path.join(dir, f), '')
    }
    expect(fg.sync('**/*.md', { cwd: dir, ignore: [excludeGlob(odd)] }).sort()).toEqual(['en/news/x/a.en.md', 'en/news/x/a1.en.md'])
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(report, { force: true })
  })
})

describe('npm run check, run again', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-check-again-'))
  fs.cpSync(fixtures, dir, { recursive: true })
  const env = { CONTENT_DIR: dir, CONTENTLAYER_DIR: path.join(dir, '.state'), INVALID_REPORT: path.join(dir, 'report.json'), ALLOW_INVALID: '' }
  const check = () => {
    const r = run('scripts/check.ts', [], env)
    const lines = r.stdout.trim().split('\n')
    return { status: r.status, problems: lines.slice(0, -1), summary: lines.at(-1)! }
  }

  it('re-checks only the files changed since the last check, and reports the same problems', () => {
    const first = check()
    expect(first.summary).toMatch(/^check: 19 files, 15 errors in 13 files, 4 warnings/)
    const again = check()
    expect(again.summary).toMatch(/^check: 19 files \(0 checked, 19 unchanged since the last check\), 15 errors in 13 files, 4 warnings/)
    expect(again.status).toBe(1)
    // Including the one only the whole folder shows: two files claiming one URL.
    expect(again.problems).toEqual(first.problems)
    expect(again.problems.some((l) => l.includes('Foo,Bar.en.md:1: url: '))).toBe(true)

    const file = path.join(dir, 'en/news/fixture/valid.en.md')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^title:.*$/m, 'title:'))
    const edited = check()
    expect(edited.summary).toMatch(/^check: 19 files \(1 checked, 18 unchanged since the last check\), 16 errors in 14 files/)
    expect(edited.problems).toContain(`${dir}/en/news/fixture/valid.en.md:2: title: required, must not be empty`)
  })
})

describe('npm run new', () => {
  const keys = ['title', 'date', 'summary', 'categories', 'lang', 'translations', 'tags', 'menu', 'thumbnail', 'lead',
    'comments', 'authorbox', 'pager', 'toc', 'mathjax', 'sidebar', 'widgets', 'draft']

  it('creates a checker-clean draft dated in Shanghai time, whatever TZ says', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-new-'))
    const title = `标题 "引号": a\\b #1 'x' — 结束`
    const before = Math.floor(Date.now() / 1000) * 1000
    const r = run('scripts/new-article.ts', ['--lang', 'zh-CN', '--source', 'qq', title], { CONTENT_DIR: dir, TZ: 'America/New_York' })
    const after = Date.now()
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const file = r.stdout.trim()
    const rel = path.relative(dir, file).split(path.sep).join('/')
    expect(rel).toMatch(/^zh-CN\/news\/qq\/\d{8}T\d{6}\.zh-CN\.md$/)

    const text = fs.readFileSync(file, 'utf8')
    expect(checkFile(rel, text).problems).toEqual([])
    expect(checkDir(dir).problems).toEqual([])
    const split = splitFrontMatter(text)
    if ('error' in split) throw new Error(split.error)
    const data = parseYaml(split.yaml)
    expect(Object.keys(data)).toEqual(keys)
    expect(data).toMatchObject({ title, lang: ['zh-CN'], translations: ['zh-CN'], categories: ['qq'], tags: ['qq'], draft: true, sidebar: 'right', widgets: ['search', 'recent', 'taglist'] })
    const published = parseSiteDate(data.date)!.getTime()
    expect(published).toBeGreaterThanOrEqual(before)
    expect(published).toBeLessThanOrEqual(after)
    // The id is the same Shanghai wall-clock time as the date.
    expect(rel.slice(14, 29)).toBe(data.date.replace(/[-:]/g, '').replace(' ', 'T'))
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('slugs Latin titles, takes --id, and never overwrites', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-new-'))
    const env = { CONTENT_DIR: dir }
    const first = run('scripts/new-article.ts', ['--lang', 'en', '--source', 'reuters', "Fed Holds Rates: What's Next for Café Owners?"], env)
    expect(first.status).toBe(0)
    expect(first.stdout.trim()).toBe(path.join(dir, 'en/news/reuters/fed-holds-rates-whats-next-for-cafe-owners.en.md'))
    const before = fs.readFileSync(first.stdout.trim(), 'utf8')
    const again = run('scripts/new-article.ts', ['--lang', 'en', '--source', 'reuters', '--id', 'fed-holds-rates-whats-next-for-cafe-owners', 'Other'], env)
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already exists/)
    expect(fs.readFileSync(first.stdout.trim(), 'utf8')).toBe(before)
    // Same URL under another file name is refused too.
    const clash = run('scripts/new-article.ts', ['--lang', 'en', '--source', 'reuters', '--id', 'Fed Holds Rates Whats Next For Cafe Owners', 'Other'], env)
    expect(clash.status).toBe(1)
    expect(clash.stderr).toMatch(/already has the URL/)
    const withId = run('scripts/new-article.ts', ['--lang', 'zh-HK', '--source', 'hkej', '--id', 'hk-001', '香港新聞'], env)
    expect(withId.stdout.trim()).toBe(path.join(dir, 'zh-HK/news/hkej/hk-001.zh-HK.md'))
    expect(checkDir(dir).problems).toEqual([])
    const bad = run('scripts/new-article.ts', ['--lang', 'fr', '--source', 'x', 'T'], env)
    expect(bad.status).toBe(2)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
