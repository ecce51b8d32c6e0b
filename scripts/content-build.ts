/**
 * Runs contentlayer2's build, in shards on every core (lib/content/shards.ts),
 * merges their output into CONTENTLAYER_DIR/generated and then accounts for
 * every Markdown file. contentlayer2 skips a document it cannot read with a
 * warning and exits 0; here a file that did not come out of the build fails
 * the build, named, with contentlayer's own reason when it gave one.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { contentDir } from '../lib/content/dir'
import { contentDirOrExit, listMarkdownFiles } from '../lib/content/files'
import { identityFromPath } from '../lib/content/identity'
import { collectBuiltDocuments, documentBarrel, generatedDir, metaFile } from '../lib/content/generated'
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
fs.mkdirSync(shardsRoot, { recursive: true })
for (const old of fs.readdirSync(shardsRoot)) if (!old.startsWith(`${count}-`)) fs.rmSync(path.join(shardsRoot, old), { recursive: true, force: true })
const shards = plan.map((shardFiles, i) => {
  const root = path.join(shardsRoot, `${count}-${i}`)
  const content = path.join(root, 'content')
  fs.rmSync(content, { recursive: true, force: true })
  for (const file of shardFiles) {
    fs.mkdirSync(path.dirname(path.join(content, file)), { recursive: true })
    fs.symlinkSync(path.join(dir, file), path.join(content, file))
  }
  fs.mkdirSync(content, { recursive: true })
  if (!fs.existsSync(path.join(root, 'node_modules'))) fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir')
  return { root, content, files: shardFiles.length, log: '' }
})

const results = await runAll(
  shards.map((shard) => () => contentlayer(shard)),
  Math.min(os.availableParallelism(), shards.length),
)
const log = shards.map((s) => s.log).join('\n')
const failed = results.map((status, i) => [status, i]).filter(([status]) => status !== 0)
if (failed.length > 0) {
  for (const [status, i] of failed) console.error(`content: contentlayer2 build of shard ${i + 1}/${count} (${shards[i].root}) failed (exit ${status})`)
  process.exit(1)
}

// Merge: each shard's document files move to CONTENTLAYER_DIR/generated/Article; the
// types (the same in every shard) go there and to .contentlayer/generated, which the
// type checker reads through the `contentlayer/generated` path.
const articleDir = path.join(generatedDir(), 'Article')
fs.rmSync(generatedDir(), { recursive: true, force: true })
fs.mkdirSync(articleDir, { recursive: true })
const collected = shards.map((shard) => collectBuiltDocuments(path.join(shard.root, '.contentlayer', 'generated'), articleDir))
const docs = collected.flatMap((c) => c.docs)
fs.writeFileSync(path.join(articleDir, '_index.mjs'), documentBarrel(collected.flatMap((c) => c.imports)))
const types = path.join(shards[0].root, '.contentlayer', 'generated')
for (const target of new Set([generatedDir(), path.resolve('.contentlayer', 'generated')])) {
  fs.mkdirSync(target, { recursive: true })
  for (const f of ['index.d.ts', 'types.d.ts', 'index.mjs']) fs.copyFileSync(path.join(types, f), path.join(target, f))
}
// Lists and widgets read this bodiless copy; pages read each body from its own file.
fs.writeFileSync(metaFile(), JSON.stringify(docs))

const built = new Set(docs.map((d) => d._raw.sourceFilePath))
const lost: string[] = []
for (const file of files) {
  if (built.has(file) || invalid.has(file)) continue
  const reason = identityFromPath(file)
    ? reasonFromLog(file) ?? 'skipped by the content build (see the warnings above)'
    : 'path: not <lang>/news/<source>/<id>.<lang>.md with a configured <lang>'
  lost.push(`${path.join(dir, file)}: ${reason}`)
}

console.log(
  `content: ${files.length} Markdown files read, ${built.size} documents built in ${count} shard${count > 1 ? 's' : ''}, ` +
    `${invalid.size} skipped as invalid (ALLOW_INVALID), ${lost.length} lost (${((Date.now() - started) / 1000).toFixed(1)} s)`,
)
for (const f of invalid.values()) console.warn(`  skipped ${f.path}: ${f.reasons.map((r) => `${r.line}: ${r.field}: ${r.message}`).join('; ')}`)
if (lost.length > 0) {
  for (const line of lost) console.error(`  ✗ ${line}`)
  process.exit(1)
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
