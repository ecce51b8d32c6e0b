/**
 * Runs contentlayer2's build, in shards on every core (lib/content/shards.ts),
 * merges their output into CONTENTLAYER_DIR/generated and then accounts for
 * every Markdown file. contentlayer2 skips a document it cannot read with a
 * warning and exits 0; here a file that did not come out of the build fails
 * the build, named, with contentlayer's own reason when it gave one.
 */
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { contentDir } from '../lib/content/dir'
import { contentDirOrExit, listMarkdownFiles } from '../lib/content/files'
import { identityFromPath } from '../lib/content/identity'
import { documentBarrel, generatedDir, listBuiltDocuments, metaFile, readDocumentMeta, type GeneratedArticle } from '../lib/content/generated'
import { readInvalidReport } from '../lib/content/check'
import { DEFAULT_SHARD_SIZE, planShards, shardCount } from '../lib/content/shards'

const dir = contentDirOrExit('content', contentDir())
const started = Date.now()
const files = listMarkdownFiles(dir)
const invalid = new Map((readInvalidReport()?.invalid ?? []).map((f) => [f.path, f]))

// Each shard is a folder of its own, because contentlayer writes to $PWD/.contentlayer:
// links to its share of the content, a link to node_modules (the compiled config
// imports packages from there), and contentlayer's output and cache.
const shardsRoot = path.resolve(path.dirname(generatedDir()), 'shards')
const count = shardCount(files.length - invalid.size, Number(process.env.CONTENT_SHARD_SIZE) || DEFAULT_SHARD_SIZE)
const plan = planShards(files.filter((f) => !invalid.has(f)), count)
const inputs = buildInputsFingerprint()
fs.mkdirSync(shardsRoot, { recursive: true })
for (const old of fs.readdirSync(shardsRoot)) if (!old.startsWith(`${count}-`)) fs.rmSync(path.join(shardsRoot, old), { recursive: true, force: true })

interface Built {
  fingerprint: string
  imports: string[]
  files: string[]
  docs: GeneratedArticle[]
}
const shards = plan.map((shardFiles, i) => {
  const root = path.join(shardsRoot, `${count}-${i}`)
  const content = path.join(root, 'content')
  const output = path.join(root, '.contentlayer', 'generated')
  const fingerprint = shardFingerprint(shardFiles)
  // A shard whose files and build inputs are unchanged since its last good build
  // (by content, so a fresh clone with the cache kept counts as unchanged) is not rebuilt.
  const previous = readJson<Built>(path.join(root, 'built.json'))
  const reused = previous?.fingerprint === fingerprint && previous.files.every((f) => fs.existsSync(path.join(output, 'Article', f))) ? previous : undefined
  if (!reused) {
    fs.rmSync(content, { recursive: true, force: true })
    for (const file of shardFiles) {
      fs.mkdirSync(path.dirname(path.join(content, file)), { recursive: true })
      fs.symlinkSync(path.join(dir, file), path.join(content, file))
    }
    fs.mkdirSync(content, { recursive: true })
    if (!fs.existsSync(path.join(root, 'node_modules'))) fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir')
  }
  return { root, content, output, fingerprint, reused, files: shardFiles.length, log: '' }
})

const toBuild = shards.filter((s) => !s.reused)
if (toBuild.length < shards.length) console.log(`content: ${shards.length - toBuild.length} of ${count} shards unchanged since their last build, reused`)
const results = await runAll(
  toBuild.map((shard) => () => contentlayer(shard)),
  Math.min(os.availableParallelism(), Math.max(1, toBuild.length)),
)
const log = shards.map((s) => s.log).join('\n')
const failed = toBuild.filter((_, i) => results[i] !== 0)
if (failed.length > 0) {
  for (const shard of failed) console.error(`content: contentlayer2 build of shard ${shards.indexOf(shard) + 1}/${count} (${shard.root}) failed`)
  process.exit(1)
}

// Merge: each shard's document files are linked into CONTENTLAYER_DIR/generated/Article
// (hard links: no copy, and the shard keeps its output for the next build); the types
// (the same in every shard) go there and to .contentlayer/generated, which the type
// checker reads through the `contentlayer/generated` path.
const articleDir = path.join(generatedDir(), 'Article')
fs.rmSync(generatedDir(), { recursive: true, force: true })
fs.mkdirSync(articleDir, { recursive: true })
const built: Built[] = shards.map((shard) => {
  const { imports, files: docFiles } = shard.reused ?? listBuiltDocuments(shard.output)
  for (const f of docFiles) fs.linkSync(path.join(shard.output, 'Article', f), path.join(articleDir, f))
  const docs = shard.reused?.docs ?? docFiles.map((f) => readDocumentMeta(path.join(articleDir, f)))
  return { fingerprint: shard.fingerprint, imports, files: docFiles, docs }
})
const docs = built.flatMap((b) => b.docs)
fs.writeFileSync(path.join(articleDir, '_index.mjs'), documentBarrel(built.flatMap((b) => b.imports)))
const types = shards.map((s) => s.output).find((o) => fs.existsSync(path.join(o, 'types.d.ts')))!
for (const target of new Set([generatedDir(), path.resolve('.contentlayer', 'generated')])) {
  fs.mkdirSync(target, { recursive: true })
  for (const f of ['index.d.ts', 'types.d.ts', 'index.mjs']) fs.copyFileSync(path.join(types, f), path.join(target, f))
}
// Lists and widgets read this bodiless copy; pages read each body from its own file.
fs.writeFileSync(metaFile(), JSON.stringify(docs))

const builtFiles = new Set(docs.map((d) => d._raw.sourceFilePath))
const lost: string[] = []
for (const file of files) {
  if (builtFiles.has(file) || invalid.has(file)) continue
  const reason = identityFromPath(file)
    ? reasonFromLog(file) ?? 'skipped by the content build (see the warnings above)'
    : 'path: not <lang>/news/<source>/<id>.<lang>.md with a configured <lang>'
  lost.push(`${path.join(dir, file)}: ${reason}`)
}

console.log(
  `content: ${files.length} Markdown files read, ${builtFiles.size} documents built in ${count} shard${count > 1 ? 's' : ''}, ` +
    `${invalid.size} skipped as invalid (ALLOW_INVALID), ${lost.length} lost (${((Date.now() - started) / 1000).toFixed(1)} s)`,
)
for (const f of invalid.values()) console.warn(`  skipped ${f.path}: ${f.reasons.map((r) => `${r.line}: ${r.field}: ${r.message}`).join('; ')}`)
if (lost.length > 0) {
  for (const line of lost) console.error(`  ✗ ${line}`)
  process.exit(1)
}
// Only a build that accounted for every file vouches for its shards.
for (const [i, shard] of shards.entries()) if (!shard.reused) fs.writeFileSync(path.join(shard.root, 'built.json'), JSON.stringify(built[i]))

/** What a shard's output depends on besides its files: the content model and the code it runs. */
function buildInputsFingerprint(): string {
  const hash = crypto.createHash('sha1')
  const sources = ['contentlayer.config.ts', 'site.config.ts', 'package-lock.json', ...listFiles('lib'), ...listFiles('patches')]
  for (const file of sources.sort()) hash.update(`${file}\0`).update(fs.existsSync(file) ? fs.readFileSync(file) : '')
  return hash.digest('hex')
}

function shardFingerprint(shardFiles: readonly string[]): string {
  const hash = crypto.createHash('sha1').update(inputs)
  for (const file of shardFiles) hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(dir, file)))
  return hash.digest('hex')
}

function listFiles(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((f) => path.join(folder, f)).filter((f) => fs.statSync(f).isFile())
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

function contentlayer(shard: (typeof shards)[number]): Promise<number> {
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
      const name = count > 1 ? `[shard ${shards.indexOf(shard) + 1}/${count}, ${shard.files} files] ` : ''
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
