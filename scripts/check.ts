/**
 * `npm run check`: validates every Markdown file of CONTENT_DIR and prints one
 * `path:line: field: message` line per problem. Exits 1 on any error.
 *
 * `--allow-invalid` (or ALLOW_INVALID=1) exits 0 anyway and writes the invalid
 * files to reports/invalid-content.json, which the content build reads to leave
 * them out; without it a stale report is removed so it can hide nothing.
 *
 * Each file's result is kept by content hash (scripts/check-folder.ts), so a check
 * after a few edits parses only those files; cross-file problems (two files, one URL)
 * are worked out anew from every file's result each time.
 */
import path from 'node:path'
import {
  formatProblem, summarize, invalidReportPath, makeInvalidReport, removeInvalidReport, writeInvalidReport,
} from '../lib/content/check'
import { contentDir } from '../lib/content/dir'
import { contentDirOrExit, listMarkdownFiles } from '../lib/content/files'
import { checkFolder } from './check-folder'

const started = performance.now()
const args = process.argv.slice(2)
const unknown = args.filter((a) => a !== '--allow-invalid')
if (unknown.length > 0) {
  console.error(`check: unknown argument ${unknown[0]} (usage: npm run check [-- --allow-invalid])`)
  process.exit(2)
}
const allowInvalid = args.includes('--allow-invalid') || /^(1|true|yes)$/i.test(process.env.ALLOW_INVALID ?? '')

const dir = contentDirOrExit('check', contentDir())

const { checked, checkedNow } = checkFolder(dir, listMarkdownFiles(dir))
const result = summarize(checked)

// Paths as the user gave CONTENT_DIR: relative to the cwd, or absolute.
const shown = (file: string) => (path.isAbsolute(process.env.CONTENT_DIR ?? '') ? path.join(dir, file) : path.relative(process.cwd(), path.join(dir, file)))
const out = result.problems.map((p) => formatProblem(p, shown(p.file)))
const invalidFiles = new Set(result.problems.filter((p) => p.severity === 'error').map((p) => p.file)).size
const seconds = ((performance.now() - started) / 1000).toFixed(2)
const fresh = checkedNow === result.files ? '' : ` (${checkedNow} checked, ${result.files - checkedNow} unchanged since the last check)`
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
