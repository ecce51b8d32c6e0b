/**
 * `npm run check`: validates every Markdown file of CONTENT_DIR and prints one
 * `path:line: field: message` line per problem. Exits 1 on any error.
 *
 * `--allow-invalid` (or ALLOW_INVALID=1) exits 0 anyway and writes the invalid
 * files to reports/invalid-content.json, which the content build reads to leave
 * them out; without it a stale report is removed so it can hide nothing.
 *
 * Each file's result is kept by content hash in CONTENTLAYER_DIR (see openCheckCache),
 * so a check after a few edits parses only those files; cross-file problems (two files,
 * one URL) are worked out anew from every file's result each time.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {
  checkFile, formatProblem, summarize, invalidReportPath, makeInvalidReport, removeInvalidReport, writeInvalidReport,
  type CheckedFile,
} from '../lib/content/check'
import { contentDir } from '../lib/content/dir'
import { contentDirOrExit, listMarkdownFiles } from '../lib/content/files'
import { generatedDir } from '../lib/content/generated'
import { CONTENT_MODEL_INPUTS, filesDigest } from './fingerprint.mjs'

const started = performance.now()
const args = process.argv.slice(2)
const unknown = args.filter((a) => a !== '--allow-invalid')
if (unknown.length > 0) {
  console.error(`check: unknown argument ${unknown[0]} (usage: npm run check [-- --allow-invalid])`)
  process.exit(2)
}
const allowInvalid = args.includes('--allow-invalid') || /^(1|true|yes)$/i.test(process.env.ALLOW_INVALID ?? '')

const dir = contentDirOrExit('check', contentDir())

const files = listMarkdownFiles(dir)
// What each file was found to be last time, by content hash: a build after a few edits
// re-checks only those (at 30k files, parsing every front matter is most of the check's time).
const cache = openCheckCache(dir)
const checked = files.map((file) => {
  const bytes = fs.readFileSync(path.join(dir, file))
  const hash = crypto.createHash('sha1').update(bytes).digest('hex')
  return cache.get(file, hash) ?? cache.set(file, hash, checkFile(file, bytes.toString('utf8')))
})
const result = summarize(checked)
cache.save()

// Paths as the user gave CONTENT_DIR: relative to the cwd, or absolute.
const shown = (file: string) => (path.isAbsolute(process.env.CONTENT_DIR ?? '') ? path.join(dir, file) : path.relative(process.cwd(), path.join(dir, file)))
const out = result.problems.map((p) => formatProblem(p, shown(p.file)))
const invalidFiles = new Set(result.problems.filter((p) => p.severity === 'error').map((p) => p.file)).size
const seconds = ((performance.now() - started) / 1000).toFixed(2)
const fresh = cache.checkedNow === result.files ? '' : ` (${cache.checkedNow} checked, ${result.files - cache.checkedNow} unchanged since the last check)`
out.push(`check: ${result.files} files${fresh}, ${result.errors} errors in ${invalidFiles} files, ${result.warnings} warnings (${seconds} s)`)

const reportFile = invalidReportPath()
if (allowInvalid) {
  writeInvalidReport(makeInvalidReport(dir, result), reportFile)
  const rel = path.relative(process.cwd(), reportFile)
  out.push(`check: invalid files allowed; the ${invalidFiles} listed in ${rel.startsWith('..') ? reportFile : rel} are left out of the build`)
} else {
  removeInvalidReport(reportFile)
}
process.stdout.write(`${out.join('\n')}\n`)
process.exitCode = result.errors > 0 && !allowInvalid ? 1 : 0

/**
 * Kept with the content build's state (CONTENTLAYER_DIR), for one content folder and one
 * version of the checker and the content model; anything else starts it afresh.
 */
function openCheckCache(contentFolder: string) {
  type Stored = { inputs: string; dir: string; files: Record<string, { hash: string; checked: CheckedFile }> }
  const file = path.join(path.dirname(generatedDir()), 'check-cache.json')
  const inputs = filesDigest(CONTENT_MODEL_INPUTS)
  let stored: Stored | undefined
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Stored
  } catch {
    // none yet, or unreadable: check everything
  }
  const known = stored?.inputs === inputs && stored.dir === contentFolder ? stored.files : {}
  const next: Stored = { inputs, dir: contentFolder, files: {} }
  const cache = {
    checkedNow: 0,
    get(name: string, hash: string): CheckedFile | undefined {
      const hit = known[name]?.hash === hash ? known[name].checked : undefined
      if (hit) next.files[name] = known[name]
      return hit
    },
    set(name: string, hash: string, checked: CheckedFile): CheckedFile {
      cache.checkedNow++
      next.files[name] = { hash, checked }
      return checked
    },
    /** Written aside and renamed, so a check running beside it never reads half a file. */
    save() {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(next))
      fs.renameSync(`${file}.${process.pid}`, file)
    },
  }
  return cache
}
