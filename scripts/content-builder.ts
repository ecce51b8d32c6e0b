/**
 * The content build (`npm run content`, scripts/content-build.ts): turns the Markdown
 * files into contentlayer2 documents in CONTENTLAYER_DIR/generated, incrementally, and
 * accounts for every file. `npm run dev` keeps one builder for the whole session, with
 * contentlayer loaded (keepContentlayer), so a save costs that file's document and the
 * new `_meta.json`: at 30,000 articles, 0.6–0.9 s where a `npm run content` per save took
 * ~11 s (starting tsx and contentlayer, the 59 MB build state read and written, every
 * file stat-ed).
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
import { fileURLToPath } from 'node:url'
import { listMarkdownFiles } from '../lib/content/files'
import { identityFromPath } from '../lib/content/identity'
import { documentBarrel, generatedDir, listBuiltDocuments, metaFile, readDocumentMeta, type GeneratedArticle } from '../lib/content/generated'
import { readInvalidReport } from '../lib/content/check'
import { stampFile, type FileStamp } from '../lib/content/file-stamp'
import { DEFAULT_SHARD_SIZE, planShards, shardCount } from '../lib/content/shards'
import { contentModelInputs, filesDigest } from './fingerprint.mjs'

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

export interface ContentBuilder {
  /**
   * Brings the generated folder up to the content folder. `changed`: the files known
   * to have changed since the last build of this builder (a watcher's events); the
   * others are then trusted without a stat. ok is false when a file was lost or
   * contentlayer failed (reported on stderr); the state is then left as it was.
   */
  build(changed?: ReadonlySet<string>): Promise<{ ok: boolean; summary: string }>
  /** Writes what the last good build made, for the next process (`npm run content`, `npm run build`). */
  saveState(): void
  /** Stops the contentlayer kept running (keepContentlayer). */
  close(): void
}

/**
 * log: where progress goes (contentlayer's output, counts); problems always go to stderr.
 * keepContentlayer: build what fits one shard in a contentlayer kept running between
 * builds (scripts/contentlayer-worker.mjs) instead of a new process each time.
 */
export function contentBuilder(
  dir: string,
  { log = console.log, keepContentlayer = false }: { log?: (line: string) => void; keepContentlayer?: boolean } = {},
): ContentBuilder {
  const generated = generatedDir()
  const metaPath = metaFile()
  const root = path.dirname(generated)
  const stateFile = path.join(root, 'build-state.json')
  const documentsDir = path.join(root, 'documents') // every document's JSON, kept between builds
  const runsDir = path.join(root, 'runs') // contentlayer's working folders, one per shard
  const liveDir = path.join(root, 'live') // the working folder of the contentlayer kept running
  let live: { inputs: string; worker: LiveContentlayer } | undefined
  const loadLive = (inputs: string) => {
    live?.worker.stop()
    live = { inputs, worker: startLiveContentlayer(makeRun(liveDir, dir, [])) }
  }
  // What a process stopped mid-removal left behind.
  if (fs.existsSync(root)) for (const name of fs.readdirSync(root)) if (name.startsWith(`${path.basename(runsDir)}.old-`)) removeLater(path.join(root, name))
  // Loaded now, while the first build runs, so that the first save does not wait for it.
  if (keepContentlayer) loadLive(filesDigest(contentModelInputs()))
  let state: State | undefined = readJson<State>(stateFile)
  let saved = true
  // Documents known to be linked into the generated folder by this builder.
  const linkedDocs = new Set<string>()

  async function build(changed?: ReadonlySet<string>): Promise<{ ok: boolean; summary: string }> {
    const started = Date.now()
    const previous = state
    const files = listMarkdownFiles(dir)
    const invalid = new Map((readInvalidReport()?.invalid ?? []).map((f) => [f.path, f]))
    // What a document depends on besides its file: the content model and the code it runs.
    const inputs = filesDigest(contentModelInputs())
    const known = previous?.inputs === inputs ? previous.files : {}
    const trustUnchanged = changed !== undefined && previous?.inputs === inputs
    const next: State = { inputs, files: {} }
    /** The files to build, with their stamps. */
    const toBuild = new Map<string, FileStamp>()
    for (const file of files) {
      if (invalid.has(file)) continue
      const last = known[file]
      if (last && trustUnchanged && !changed.has(file)) {
        next.files[file] = last
        continue
      }
      const { stamp } = stampFile(path.join(dir, file), last?.stamp)
      if (last?.stamp.hash === stamp.hash && fs.existsSync(path.join(documentsDir, last.doc))) next.files[file] = { ...last, stamp }
      else toBuild.set(file, stamp)
    }

    // Each shard runs in a folder of its own, because contentlayer writes to
    // $PWD/.contentlayer: links to its files, a link to node_modules (the compiled
    // config imports packages from there), and contentlayer's output.
    const cores = os.availableParallelism()
    const count = shardCount(toBuild.size, cores, Number(process.env.CONTENT_SHARD_SIZE) || DEFAULT_SHARD_SIZE)
    // (With nothing to build, contentlayer still runs once if there are no types yet.)
    const typesKept = fs.existsSync(path.join(documentsDir, 'types.d.ts'))
    const plan = toBuild.size === 0 && typesKept ? [] : planShards([...toBuild.keys()], count)
    if (keepContentlayer && plan.length === 1 && (live?.inputs !== inputs || !live.worker.alive())) {
      // A changed content model or a failed run: load contentlayer afresh.
      loadLive(inputs)
    }
    const shards = plan.map((shardFiles, i) =>
      live && plan.length === 1 ? refillRun(live.worker.run, dir, shardFiles) : makeRun(path.join(runsDir, String(i)), dir, shardFiles),
    )
    log(
      `content: ${files.length - invalid.size - toBuild.size} documents unchanged since the last build, ` +
        `${toBuild.size} to build${shards.length > 1 ? ` in ${shards.length} shards` : ''}`,
    )
    const results = await runAll(
      shards.map((shard, i) => () =>
        (shard === live?.worker.run ? live.worker.build(log) : contentlayer(shard, log, shards.length > 1 ? `[shard ${i + 1}/${shards.length}, ${shard.files} files] ` : '')),
      ),
      Math.min(cores, Math.max(1, shards.length)),
    )
    const shardLog = shards.map((s) => s.log).join('\n')
    const failed = shards.filter((_, i) => results[i] !== 0)
    if (failed.length > 0) {
      for (const shard of failed) console.error(`content: contentlayer2 build of shard ${shards.indexOf(shard) + 1}/${shards.length} (${shard.root}) failed`)
      return { ok: false, summary: `content: contentlayer2 failed` }
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
        linkedDocs.delete(doc)
        const meta = readDocumentMeta(path.join(documentsDir, doc))
        const file = meta._raw.sourceFilePath
        next.files[file] = { stamp: toBuild.get(file)!, doc, import: imports[i], meta }
      }
      for (const f of ['index.d.ts', 'types.d.ts', 'index.mjs']) fs.copyFileSync(path.join(output, f), path.join(documentsDir, f))
    }
    const built = Object.values(next.files)
    updateGenerated(built)

    const lost: string[] = []
    for (const file of files) {
      if (next.files[file] || invalid.has(file)) continue
      const reason = identityFromPath(file)
        ? reasonFromLog(shardLog, file) ?? 'skipped by the content build (see the warnings above)'
        : 'path: not <lang>/news/<source>/<id>.<lang>.md with a configured <lang>'
      lost.push(`${path.join(dir, file)}: ${reason}`)
    }

    const summary =
      `content: ${files.length} Markdown files read, ${built.length} documents (${toBuild.size - lost.length} built now), ` +
        `${invalid.size} skipped as invalid (ALLOW_INVALID), ${lost.length} lost (${((Date.now() - started) / 1000).toFixed(1)} s)`
    log(summary)
    for (const f of invalid.values()) console.warn(`  skipped ${f.path}: ${f.reasons.map((r) => `${r.line}: ${r.field}: ${r.message}`).join('; ')}`)
    if (lost.length > 0) {
      for (const line of lost) console.error(`  ✗ ${line}`)
      return { ok: false, summary }
    }
    // Only a build that accounted for every file is remembered.
    state = next
    saved = false
    removeInBackground(runsDir)
    const referenced = new Set([...built.map((b) => b.doc), 'index.d.ts', 'types.d.ts', 'index.mjs'])
    for (const f of fs.readdirSync(documentsDir)) if (!referenced.has(f)) fs.rmSync(path.join(documentsDir, f))
    return { ok: true, summary }
  }

  // Updated in place, in an order that lets `npm run dev` read it meanwhile: a rebuilt
  // document is renamed over its old version (a reader gets one or the other), new ones
  // are there before _meta.json lists them, and gone ones go only after it no longer does.
  // Relinking every document into a fresh folder cost seconds per save at 30k articles.
  function updateGenerated(built: Built[]): void {
    const articleDir = path.join(generated, 'Article')
    fs.mkdirSync(articleDir, { recursive: true })
    const present = new Set(fs.readdirSync(articleDir))
    let linked = 0
    for (const b of built) {
      if (linkedDocs.has(b.doc) && present.has(b.doc)) continue
      const kept = path.join(documentsDir, b.doc)
      const live = path.join(articleDir, b.doc)
      if (!present.has(b.doc) || fs.statSync(live).ino !== fs.statSync(kept).ino) {
        replace(live, (tmp) => fs.linkSync(kept, tmp))
        linked++
      }
      linkedDocs.add(b.doc)
    }
    const listed = new Set([...built.map((b) => b.doc), '_index.mjs', path.basename(metaPath)])
    const gone = [...present].filter((name) => !listed.has(name))
    // With nothing new and nothing gone, the lists stay as they are, and so does dev's view of them.
    if (linked > 0 || gone.length > 0 || !present.has(path.basename(metaPath))) {
      replace(path.join(articleDir, '_index.mjs'), (tmp) => fs.writeFileSync(tmp, documentBarrel(built.map((b) => b.import))))
      for (const f of ['index.d.ts', 'types.d.ts', 'index.mjs']) replace(path.join(generated, f), (tmp) => fs.copyFileSync(path.join(documentsDir, f), tmp))
      // Lists and widgets read this bodiless copy; pages read each body from its own file.
      // Written last: its time is what tells `npm run dev` that the documents changed.
      replace(metaPath, (tmp) => fs.writeFileSync(tmp, joinJson('[', built.map((b) => metaJson(b.meta)), ']')))
    }
    for (const name of gone) {
      fs.rmSync(path.join(articleDir, name), { force: true })
      linkedDocs.delete(name)
    }
    const typesDir = path.resolve('.contentlayer', 'generated')
    if (typesDir !== generated) {
      fs.mkdirSync(typesDir, { recursive: true })
      for (const f of ['index.d.ts', 'types.d.ts', 'index.mjs']) fs.copyFileSync(path.join(documentsDir, f), path.join(typesDir, f))
    }
  }

  function saveState(): void {
    if (saved || !state) return
    const entries = Object.entries(state.files).map(([file, b]) =>
      joinJson(`${JSON.stringify(file)}:{"stamp":${JSON.stringify(b.stamp)},"doc":${JSON.stringify(b.doc)},"import":${JSON.stringify(b.import)},"meta":`, [metaJson(b.meta)], '}'),
    )
    // The same text as JSON.stringify(state), from each document's JSON made once.
    replace(stateFile, (tmp) => fs.writeFileSync(tmp, joinJson(`{"inputs":${JSON.stringify(state!.inputs)},"files":{`, entries, '}}')))
    saved = true
  }

  function close(): void {
    live?.worker.stop()
    live = undefined
  }

  return { build, saveState, close }
}

/**
 * A document's fields as UTF-8 JSON, made once per document (a kept document keeps its
 * object). Bytes, not strings: encoding the joined 48 MB of a 30k site's `_meta.json`
 * took longer per save than writing it.
 */
const metaTexts = new WeakMap<GeneratedArticle, Buffer>()
function metaJson(meta: GeneratedArticle): Buffer {
  let bytes = metaTexts.get(meta)
  if (bytes === undefined) metaTexts.set(meta, (bytes = Buffer.from(JSON.stringify(meta))))
  return bytes
}

/** `open` + items joined by commas + `close`, as bytes. */
function joinJson(open: string, items: Buffer[], close: string): Buffer {
  const comma = Buffer.from(',')
  const parts: Buffer[] = [Buffer.from(open)]
  for (const [i, item] of items.entries()) parts.push(...(i > 0 ? [comma, item] : [item]))
  parts.push(Buffer.from(close))
  return Buffer.concat(parts)
}

/**
 * Moves `dir` aside and removes it without waiting: removing a 30k-article build's
 * working folders took ~10 s, which a save made meanwhile in `npm run dev` waited for.
 * A process still exits only once the removal is done.
 */
function removeInBackground(dir: string): void {
  const trash = `${dir}.old-${process.pid}-${Date.now()}`
  try {
    fs.renameSync(dir, trash)
  } catch {
    return // nothing to remove
  }
  removeLater(trash)
}

function removeLater(dir: string): void {
  void fs.promises.rm(dir, { recursive: true, force: true }).catch((e: Error) => console.warn(`content: could not remove ${dir}: ${e.message}`))
}

/** Writes `file` aside and renames it into place, so that no reader sees half of it. */
function replace(file: string, write: (tmp: string) => void): void {
  const tmp = `${file}.${process.pid}.tmp`
  fs.rmSync(tmp, { force: true })
  write(tmp)
  fs.renameSync(tmp, file)
}

interface Run {
  root: string
  content: string
  files: number
  log: string
}

/** A working folder of its own for a contentlayer run. */
function makeRun(runRoot: string, dir: string, runFiles: string[]): Run {
  fs.rmSync(runRoot, { recursive: true, force: true })
  fs.mkdirSync(runRoot, { recursive: true })
  fs.symlinkSync(path.resolve('node_modules'), path.join(runRoot, 'node_modules'), 'dir')
  return refillRun({ root: runRoot, content: path.join(runRoot, 'content'), files: 0, log: '' }, dir, runFiles)
}

/** Points the run's content folder at these files, and clears its last output. */
function refillRun(run: Run, dir: string, runFiles: string[]): Run {
  fs.rmSync(run.content, { recursive: true, force: true })
  fs.rmSync(path.join(run.root, '.contentlayer', 'generated'), { recursive: true, force: true })
  fs.mkdirSync(run.content, { recursive: true })
  for (const file of runFiles) {
    fs.mkdirSync(path.dirname(path.join(run.content, file)), { recursive: true })
    fs.symlinkSync(path.join(dir, file), path.join(run.content, file))
  }
  run.files = runFiles.length
  run.log = ''
  return run
}

interface LiveContentlayer {
  run: Run
  /** One build of the run's folder; resolves to 0, or to the exit code if contentlayer failed. */
  build(log: (line: string) => void): Promise<number>
  alive(): boolean
  stop(): void
}

function startLiveContentlayer(run: Run): LiveContentlayer {
  const marker = `kanbao: contentlayer build ${process.pid}-${Date.now()} done`
  const worker = fileURLToPath(new URL('./contentlayer-worker.mjs', import.meta.url))
  const child = spawn(process.execPath, ['--max-semi-space-size=64', worker, path.resolve('contentlayer.config.ts'), marker], {
    cwd: run.root,
    env: { ...process.env, PWD: run.root, CONTENT_DIR: run.content },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  let output = ''
  let waiting: ((code: number) => void) | undefined
  let exitCode: number | undefined
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    output += chunk
    const end = output.indexOf(`${marker}\n`)
    if (end >= 0 && waiting) {
      run.log = output.slice(0, end)
      output = output.slice(end + marker.length + 1)
      waiting(0)
    }
  })
  child.on('close', (code) => {
    exitCode = code ?? 1
    run.log = output
    waiting?.(exitCode)
  })
  child.stdin.on('error', () => {}) // a dead worker is reported by its exit code
  return {
    run,
    build(log) {
      if (exitCode !== undefined) return Promise.resolve(exitCode)
      return new Promise<number>((resolve) => {
        waiting = (code) => {
          waiting = undefined
          const text = run.log.trimEnd()
          if (text) log(text)
          resolve(code)
        }
        child.stdin.write('build\n')
      })
    },
    alive: () => exitCode === undefined,
    stop: () => void child.kill(),
  }
}

function contentlayer(shard: Run, log: (line: string) => void, prefix: string): Promise<number> {
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
      const text = shard.log.trimEnd()
      if (text) log(text.replace(/^(?=.)/gm, prefix))
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
function reasonFromLog(log: string, file: string): string | undefined {
  const lines = log.split('\n')
  const i = lines.findIndex((l) => l.includes(file))
  if (i < 0) return undefined
  return lines.slice(i, i + 4).map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 500)
}

function contentlayerCli(): string {
  // The package's exports hide bin/; find it next to its package.json instead.
  return path.resolve('node_modules/contentlayer2/bin/cli.cjs')
}
