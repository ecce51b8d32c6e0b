/**
 * Runs contentlayer2's build and then accounts for every Markdown file.
 * contentlayer2 skips a document it cannot read with a warning and exits 0;
 * here a file that did not come out of the build fails the build, named,
 * with contentlayer's own reason when it gave one.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { contentDir } from '../lib/content/dir'
import { contentDirOrExit, listMarkdownFiles } from '../lib/content/files'
import { identityFromPath } from '../lib/content/identity'
import { generatedDir, metaFile, readBuiltDocumentsWithoutBodies } from '../lib/content/generated'
import { readInvalidReport } from '../lib/content/check'

const dir = contentDirOrExit('content', contentDir())

const started = Date.now()
const run = spawnSync(process.execPath, [contentlayerCli(), 'build'], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
  env: process.env,
})
const log = `${run.stdout ?? ''}${run.stderr ?? ''}`
process.stdout.write(log)
if (run.status !== 0) {
  console.error(`content: contentlayer2 build failed (exit ${run.status})`)
  process.exit(1)
}

// contentlayer always writes to .contentlayer/; a build for another content folder
// (the e2e suites) copies its output to CONTENTLAYER_DIR so builds never mix.
// (.contentlayer/generated stays: the type checker reads its types.)
if (path.resolve(generatedDir()) !== path.resolve('.contentlayer/generated')) {
  fs.rmSync(generatedDir(), { recursive: true, force: true })
  fs.cpSync('.contentlayer/generated', generatedDir(), { recursive: true })
}
const docs = readBuiltDocumentsWithoutBodies()
// Lists and widgets read this bodiless copy; pages read each body from its own file.
fs.writeFileSync(metaFile(), JSON.stringify(docs))
const built = new Set(docs.map((d) => d._raw.sourceFilePath))
const files = listMarkdownFiles(dir)

const invalid = new Map((readInvalidReport()?.invalid ?? []).map((f) => [f.path, f]))
const lost: string[] = []
for (const file of files) {
  if (built.has(file) || invalid.has(file)) continue
  const reason = identityFromPath(file)
    ? reasonFromLog(file) ?? 'skipped by the content build (see the warnings above)'
    : 'path: not <lang>/news/<source>/<id>.<lang>.md with a configured <lang>'
  lost.push(`${path.join(dir, file)}: ${reason}`)
}

console.log(
  `content: ${files.length} Markdown files read, ${built.size} documents built, ${invalid.size} skipped as invalid (ALLOW_INVALID), ` +
    `${lost.length} lost (${((Date.now() - started) / 1000).toFixed(1)} s)`,
)
for (const f of invalid.values()) console.warn(`  skipped ${f.path}: ${f.reasons.map((r) => `${r.line}: ${r.field}: ${r.message}`).join('; ')}`)
if (lost.length > 0) {
  for (const line of lost) console.error(`  ✗ ${line}`)
  process.exit(1)
}

/** contentlayer prints a block per invalid document that names its file; keep the lines that say why. */
function reasonFromLog(file: string): string | undefined {
  const lines = log.split('\n')
  const i = lines.findIndex((l) => l.includes(file))
  if (i < 0) return undefined
  return lines.slice(i, i + 4).map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 500)
}

function contentlayerCli(): string {
  // The package's exports hide bin/; find it next to its package.json instead.
  return path.resolve('node_modules/contentlayer2/bin/cli.cjs')
}
