/**
 * `npm run dev`: the content build and `next dev` in one command, plus a checker
 * on every saved file. Problems are printed here as `path:line: field: message`
 * and shown in the browser (lib/content/dev-errors.ts) until the file is fixed;
 * edits, additions, deletions and renames need no restart.
 *
 * Saved files are rebuilt by the content build (scripts/content-builder.ts), not by
 * `contentlayer2 dev`: the content build only sends changed files through
 * contentlayer and keeps its results between sessions, where contentlayer's
 * watcher re-processes and rewrites every document on every save (20 s and
 * 5.8 GiB at 30,000 articles in the bench). Its builder lives here for the whole
 * session, holding the build state in memory, trusting the files the watcher did
 * not report and keeping contentlayer loaded; the state is written to disk when the
 * saves pause.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import chokidar from 'chokidar'
import path from 'node:path'
import { contentDir } from '../lib/content/dir'
import { contentDirOrExit, listMarkdownFiles } from '../lib/content/files'
import { checkFile, formatProblem, summarize, type CheckedFile } from '../lib/content/check'
import { writeDevErrors } from '../lib/content/dev-errors'
import { checkFolder } from './check-folder'
import { contentBuilder } from './content-builder'
import { copyKatexAssets } from './katex-assets.mjs'

const dir = contentDirOrExit('dev', contentDir())
copyKatexAssets()

const checked = new Map<string, CheckedFile>()

function recheck(file: string): void {
  const full = path.join(dir, file)
  if (fs.existsSync(full)) checked.set(file, checkFile(file, fs.readFileSync(full, 'utf8')))
  else checked.delete(file)
}

let last = ''
function publish(): void {
  const errors = summarize([...checked.values()]).problems.filter((p) => p.severity === 'error')
  const lines = errors.map((p) => formatProblem(p, path.join(path.relative(process.cwd(), dir), p.file)))
  writeDevErrors(lines)
  const text = lines.join('\n')
  if (text !== last) console.log(lines.length ? `content: ${lines.length} problem(s):\n${text}` : 'content: no problems')
  last = text
}

// At start, only the files changed since the last check or build are parsed again.
for (const c of checkFolder(dir, listMarkdownFiles(dir)).checked) checked.set(c.file, c)
publish()

// chokidar, not fs.watch: Node 20's recursive watcher loses files that editors save by
// writing a temporary file and renaming it over the original.
const pending = new Set<string>()
let timer: NodeJS.Timeout | undefined
const hidden = (p: string) => path.relative(dir, p).split(path.sep).some((part) => part.startsWith('.'))
chokidar.watch(dir, { ignoreInitial: true, ignored: hidden }).on('all', (_event, full) => {
  if (!full.endsWith('.md')) return
  pending.add(path.relative(dir, full).split(path.sep).join('/'))
  clearTimeout(timer)
  timer = setTimeout(() => {
    for (const file of pending) {
      recheck(file)
      changed?.add(file)
    }
    pending.clear()
    publish()
    rebuild()
  }, 50)
})

// One content build at a time; saves during a build start one more when it ends.
// Of the builder's own lines only the first build's plan is shown (it can take minutes);
// the checker above names any file with a problem.
let builds = 0
const builder = contentBuilder(dir, { log: (line) => void (builds === 0 && line.includes(' to build') && console.log(line)), keepContentlayer: true })
/** Files saved since the last build started; undefined before the first, which stats every file. */
let changed: Set<string> | undefined
let building = false
let again = false
let saveTimer: NodeJS.Timeout | undefined
async function rebuild(): Promise<void> {
  if (building) {
    again = true
    return
  }
  building = true
  const started = Date.now()
  const files = changed
  changed = new Set()
  const { ok, summary } = await builder.build(files).catch((error: unknown) => ({ ok: false, summary: `content: ${(error as Error).stack ?? error}` }))
  console.log(`${summary.replace(/ \([\d.]+ s\)$/, '')} (${((Date.now() - started) / 1000).toFixed(1)} s${ok ? '' : ', failed'})`)
  // A failed build leaves the builder's state as it was: what it did not take in is still to do.
  if (!ok) changed = files && new Set([...files, ...changed])
  building = false
  builds++
  clearTimeout(saveTimer)
  saveTimer = setTimeout(() => builder.saveState(), 2000)
  if (again) {
    again = false
    void rebuild()
  }
}

function bin(pkg: string, file: string): string {
  return path.resolve('node_modules', pkg, file)
}
void rebuild()
const children: ChildProcess[] = [spawn(process.execPath, [bin('next', 'dist/bin/next'), 'dev', ...process.argv.slice(2)], { stdio: 'inherit' })]
const stop = () => {
  for (const c of children) c.kill('SIGTERM')
  builder.close()
  if (!building) builder.saveState()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const c of children) c.on('exit', (code) => {
  console.error(`dev: a child process exited (${code}); stopping`)
  stop()
})
