/**
 * `npm run content`: turns the Markdown files into contentlayer2 documents in
 * CONTENTLAYER_DIR/generated, incrementally, and accounts for every file.
 *
 * - Only new and changed files (by content hash) go through contentlayer; the
 *   others keep the document built from the same bytes with the same build inputs
 *   (content model, lib/, lockfile, patches) last time. A fresh clone with
 *   CONTENTLAYER_DIR kept is therefore warm, and 100 edits cost 100 documents.
 * - What must be built runs in shards of about 6,000 documents
 *   (lib/content/shards.ts), one contentlayer process per core: contentlayer is
 *   single-threaded and holds every document of a run in memory.
 * - contentlayer2 skips a document it cannot read with a warning and exits 0;
 *   here a file that did not come out of the build fails the build, named, with
 *   contentlayer's own reason when it gave one.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { contentDir } from '../lib/content/dir'
import { contentDirOrExit, listMarkdownFiles } from '../lib/content/files'
import { identityFromPath } from '../lib/content/identity'
import { documentBarrel, generatedDir, listBuiltDocuments, metaFile, readDocumentMeta, type GeneratedArticle } from '../lib/content/generated'
import { readInvalidReport } from '../lib/content/check'
import { stampFile, type FileStamp } from '../lib/content/file-stamp'
import { DEFAULT_SHARD_SIZE, planShards, shardCount } from '../lib/content/shards'
import { CONTENT_MODEL_INPUTS, filesDigest } from './fingerprint.mjs'

/** What the last good build made of each file. */
interface State {
  inputs: string
  files: Record<string, Built>
}
interface Built {
  stamp: FileStamp
  /** The document's file name in documentsDir (contentlayer's name for it). */
  doc: string
  /** Its line in contentlayer's `_index.mjs`. */
  import: string
  meta: GeneratedArticle
}

const dir = contentDirOrExit('content', contentDir())
const started = Date.now()
const root = path.dirname(generatedDir())
const stateFile = path.join(root, 'build-state.json')
const documentsDir = path.join(root, 'documents') // every document's JSON, kept between builds
const runsDir = path.join(root, 'runs') // contentlayer's working folders, one per shard

const files = listMarkdownFiles(dir)
const invalid = new Map((readInvalidReport()?.invalid ?? []).map((f) => [f.path, f]))
// What a document depends on besides its file: the content model and the code it runs.
const inputs = filesDigest(CONTENT_MODEL_INPUTS)
const previous = readJson<State>(stateFile)
const known = previous?.inputs === inputs ? previous.files : {}
const state: State = { inputs, files: {} }
/** The files to build, with their stamps. */
const toBuild = new Map<string, FileStamp>()
for (const file of files) {
  if (invalid.has(file)) continue
  const last = known[file]
  const { stamp } = stampFile(path.join(dir, file), last?.stamp)
  if (last?.stamp.hash === stamp.hash && fs.existsSync(path.join(documentsDir, last.doc))) state.files[file] = { ...last, stamp }
  else toBuild.set(file, stamp)
}

// Each shard runs in a folder of its own, because contentlayer writes to
// $PWD/.contentlayer: links to its files, a link to node_modules (the compiled
// config imports packages from there), and contentlayer's output.
const cores = os.availableParallelism()
const count = shardCount(toBuild.size, cores, Number(process.env.CONTENT_SHARD_SIZE) || DEFAULT_SHARD_SIZE)
// (With nothing to build, contentlayer still runs once if there are no types yet.)
const typesKept = fs.existsSync(path.join(documentsDir, 'types.d.ts'))
const shards = toBuild.size === 0 && typesKept ? [] : planShards([...toBuild.keys()], count).map((shardFiles, i) => makeRun(i, shardFiles))
console.log(
  `content: ${files.length - invalid.size - toBuild.size} documents unchanged since the last build, ` +
    `${toBuild.size} to build${shards.length > 1 ? ` in ${shards.length} shards` : ''}`,
)
const results = await runAll(
  shards.map((shard) => () => contentlayer(shard)),
  Math.min(cores, Math.max(1, shards.length)),
)
const log = shards.map((s) => s.log).join('\n')
const failed = shards.filter((_, i) => results[i] !== 0)
if (failed.length > 0) {
  for (const shard of failed) console.error(`content: contentlayer2 build of shard ${shards.indexOf(shard) + 1}/${shards.length} (${shard.root}) failed`)
  process.exit(1)
}

// New documents join the kept ones; the generated folder is made of hard links to
// them (no copies), with contentlayer's types, which the type checker also reads
// from .contentlayer/generated through the `contentlayer/generated` path.
fs.mkdirSync(documentsDir, { recursive: true })
for (const shard of shards) {
  const output = path.join(shard.root, '.contentlayer', 'generated')
  const { imports, files: docFiles } = listBuiltDocuments(output)
  for (const [i, doc] of docFiles.entries()) {
    fs.renameSync(path.join(output, 'Article', doc), path.join(documentsDir, doc))
    const meta = readDocumentMeta(path.join(documentsDir, doc))
    const file = meta._raw.sourceFilePath
    state.files[file] = { stamp: toBuild.get(file)!, doc, import: imports[i], meta }
  }
  for (const f of ['index.d.ts', 'types.d.ts', 'index.mjs']) fs.copyFileSync(path.join(output, f), path.join(documentsDir, f))
}
const built = Object.entries(state.files)
// Updated in place, in an order that lets `npm run dev` read it meanwhile: a rebuilt
// document is renamed over its old version (a reader gets one or the other), new ones
// are there before _meta.json lists them, and gone ones go only after it no longer does.
// Relinking every document into a fresh folder cost seconds per save at 30k articles.
const articleDir = path.join(generatedDir(), 'Article')
fs.mkdirSync(articleDir, { recursive: true })
const present = new Set(fs.readdirSync(articleDir))
let linked = 0
for (const [, b] of built) {
  const kept = path.join(documentsDir, b.doc)
  const live = path.join(articleDir, b.doc)
  if (present.has(b.doc) && fs.statSync(live).ino === fs.statSync(kept).ino) continue
  replace(live, (tmp) => fs.linkSync(kept, tmp))
  linked++
}
const listed = new Set([...built.map(([, b]) => b.doc), '_index.mjs', path.basename(metaFile())])
const gone = [...present].filter((name) => !listed.has(name))
// With nothing new and nothing gone, the lists stay as they are, and so does dev's view of them.
if (linked > 0 || gone.length > 0 || !present.has(path.basename(metaFile()))) {
  replace(path.join(articleDir, '_index.mjs'), (tmp) => fs.writeFileSync(tmp, documentBarrel(built.map(([, b]) => b.import))))
  for (const f of ['index.d.ts', 'types.d.ts', 'index.mjs']) replace(path.join(generatedDir(), f), (tmp) => fs.copyFileSync(path.join(documentsDir, f), tmp))
  // Lists and widgets read this bodiless copy; pages read each body from its own file.
  // Written last: its time is what tells `npm run dev` that the documents changed.
  replace(metaFile(), (tmp) => fs.writeFileSync(tmp, JSON.stringify(built.map(([, b]) => b.meta))))
}
for (const name of gone) fs.rmSync(path.join(articleDir, name), { force: true })
const typesDir = path.resolve('.contentlayer', 'generated')
if (typesDir !== generatedDir()) {
  fs.mkdirSync(typesDir, { recursive: true })
  for (const f of ['index.d.ts', 'types.d.ts', 'index.mjs']) fs.copyFileSync(path.join(documentsDir, f), path.join(typesDir, f))
}

const lost: string[] = []
for (const file of files) {
  if (state.files[file] || invalid.has(file)) continue
  const reason = identityFromPath(file)
    ? reasonFromLog(file) ?? 'skipped by the content build (see the warnings above)'
    : 'path: not <lang>/news/<source>/<id>.<lang>.md with a configured <lang>'
  lost.push(`${path.join(dir, file)}: ${reason}`)
}

console.log(
  `content: ${files.length} Markdown files read, ${built.length} documents (${toBuild.size - lost.length} built now), ` +
    `${invalid.size} skipped as invalid (ALLOW_INVALID), ${lost.length} lost (${((Date.now() - started) / 1000).toFixed(1)} s)`,
)
for (const f of invalid.values()) console.warn(`  skipped ${f.path}: ${f.reasons.map((r) => `${r.line}: ${r.field}: ${r.message}`).join('; ')}`)
if (lost.length > 0) {
  for (const line of lost) console.error(`  ✗ ${line}`)
  process.exit(1)
}
// Only a build that accounted for every file is remembered.
fs.writeFileSync(stateFile, JSON.stringify({ inputs, files: Object.fromEntries(built) }))
fs.rmSync(runsDir, { recursive: true, force: true })
const referenced = new Set([...built.map(([, b]) => b.doc), 'index.d.ts', 'types.d.ts', 'index.mjs'])
for (const f of fs.readdirSync(documentsDir)) if (!referenced.has(f)) fs.rmSync(path.join(documentsDir, f))

/** Writes `file` aside and renames it into place, so that no reader sees half of it. */
function replace(file: string, write: (tmp: string) => void): void {
  const tmp = `${file}.${process.pid}.tmp`
  fs.rmSync(tmp, { force: true })
  write(tmp)
  fs.renameSync(tmp, file)
}

function makeRun(i: number, runFiles: string[]) {
  const runRoot = path.join(runsDir, String(i))
  const content = path.join(runRoot, 'content')
  fs.rmSync(runRoot, { recursive: true, force: true })
  fs.mkdirSync(content, { recursive: true })
  for (const file of runFiles) {
    fs.mkdirSync(path.dirname(path.join(content, file)), { recursive: true })
    fs.symlinkSync(path.join(dir, file), path.join(content, file))
  }
  fs.symlinkSync(path.resolve('node_modules'), path.join(runRoot, 'node_modules'), 'dir')
  return { root: runRoot, content, files: runFiles.length, log: '' }
}

function contentlayer(shard: ReturnType<typeof makeRun>): Promise<number> {
  return new Promise((resolve) => {
    // A larger young generation: contentlayer allocates millions of short-lived
    // objects, and scavenging them was a fifth of its time (the heap limit is untouched).
    const child = spawn(process.execPath, ['--max-semi-space-size=64', contentlayerCli(), 'build', '--config', path.resolve('contentlayer.config.ts')], {
      cwd: shard.root,
      // contentlayer takes its project folder from $PWD before process.cwd().
      env: { ...process.env, PWD: shard.root, CONTENT_DIR: shard.content },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const chunks: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    child.stderr.on('data', (c: Buffer) => chunks.push(c))
    child.on('close', (code) => {
      shard.log = Buffer.concat(chunks).toString('utf8')
      const name = shards.length > 1 ? `[shard ${shards.indexOf(shard) + 1}/${shards.length}, ${shard.files} files] ` : ''
      process.stdout.write(shard.log.replace(/^(?=.)/gm, name))
      resolve(code ?? 1)
    })
  })
}

async function runAll<T>(tasks: (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) out[i] = await tasks[i]()
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  return out
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
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
