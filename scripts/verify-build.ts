/**
 * The production build's last step: every Markdown file must be accounted for
 * as a rendered page or a known unpublished article, and every list page must
 * exist. Prints the counts; exits non-zero, naming what is missing, otherwise.
 */
import fs from 'node:fs'
import path from 'node:path'
import { contentDir } from '../lib/content/dir'
import { listMarkdownFiles } from '../lib/content/files'
import { expectedListPaths, getAllDocuments } from '../lib/content'
import { pageKey } from '../lib/known-pages'
import { readInvalidReport } from '../lib/content/check'
import { MATH_STYLESHEET } from '../lib/markdown/math'

const distDir = process.env.NEXT_DIST_DIR || '.next'
const appDir = path.join(distDir, 'server', 'app')

/** Where `next build` writes the prerendered HTML of a site path. */
function htmlFile(sitePath: string): string {
  return path.join(appDir, `${pageKey(sitePath)}.html`)
}

const files = listMarkdownFiles(contentDir())
const docs = getAllDocuments()
const counts = { published: 0, draft: 0, scheduled: 0, expired: 0 }
const missing: string[] = []
for (const doc of docs) {
  counts[doc.status]++
  if (doc.status === 'published' && !fs.existsSync(htmlFile(doc.path))) missing.push(`${doc.file}: no page at ${doc.path}`)
}
const withMath = docs.find((d) => d.status === 'published' && d.mathjax)
if (withMath && !fs.existsSync(path.join('public', MATH_STYLESHEET))) {
  missing.push(`${withMath.file}: math needs public${MATH_STYLESHEET} (node scripts/katex-assets.mjs copies it)`)
}
const lists = expectedListPaths()
for (const p of lists) if (!fs.existsSync(htmlFile(p))) missing.push(`list page ${p} was not rendered`)

const invalid = readInvalidReport()?.invalid ?? []
const accounted = counts.published + counts.draft + counts.scheduled + counts.expired + invalid.length
console.log(
  `build: ${files.length} files read = ${counts.published} published pages + ${counts.draft} drafts + ` +
    `${counts.scheduled} scheduled + ${counts.expired} expired + ${invalid.length} invalid (skipped); ` +
    `${lists.length} list pages; ${missing.length} missing`,
)
for (const f of invalid) console.warn(`  invalid ${f.path}: ${f.reasons.map((r) => `${r.line}: ${r.field}: ${r.message}`).join('; ')}`)
if (accounted !== files.length) missing.push(`${files.length - accounted} Markdown files have no document (see the content build)`)
if (missing.length > 0) {
  for (const m of missing.slice(0, 50)) console.error(`  ✗ ${m}`)
  if (missing.length > 50) console.error(`  … and ${missing.length - 50} more`)
  process.exit(1)
}
