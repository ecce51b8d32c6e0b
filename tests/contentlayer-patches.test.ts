/**
 * The patches in patches/ (applied by `postinstall: patch-package`) fix
 * contentlayer2 0.5.8's scaling bugs:
 *  - @contentlayer2/source-files: the document pool runs with Effect tracing on,
 *    which makes reading N documents O(N²) (every fork copies a trace that
 *    grows by one entry per file); the pool now runs `T.untraced`. Its cache
 *    is keyed on file content, not mtime, so a fresh clone builds warm.
 *  - @contentlayer2/core: every document's JSON file was written at once
 *    (EMFILE at ~30k documents); the writes are now bounded to 64 at a time.
 *    `_index.json` and the data cache were single JSON strings, past V8's
 *    string limit near 100k documents; the index is now written in pieces,
 *    the cache in shards.
 *  - @contentlayer2/utils and source-files (speed, not correctness): mapping a
 *    document's fields forked two fibers per field, each file was read twice,
 *    and only one file per core was in flight; together ~40 % of a cold build.
 * This checks the installed code is the patched code, and that a build of a
 * small fixture set through it yields the same files, byte for byte, as stock
 * contentlayer2 0.5.8 (patches reversed in a copy). The builds run in
 * throwaway projects so the project's own .contentlayer is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { listMarkdownFiles } from '@/lib/content/files'
import { identityFromPath } from '@/lib/content/identity'
import { paths } from '@/lib/urls'

const root = path.resolve(__dirname, '..')
const nodeModules = path.join(root, 'node_modules')
const installed = (rel: string) => fs.readFileSync(path.join(nodeModules, rel), 'utf8')

const FETCH_ALL = '@contentlayer2/source-files/dist/fetchData/fetchAllDocuments.js'
const GENERATE = '@contentlayer2/core/dist/generation/generate-dotpkg.js'
const EFFECT = '@contentlayer2/utils/dist/effect/Effect.js'
const CACHE_ITEM = '@contentlayer2/source-files/dist/fetchData/makeCacheItemFromFilePath.js'

/** Lines a patch adds, per patched file (relative to node_modules). */
function addedLines(patchFile: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  let current: string[] | undefined
  for (const line of fs.readFileSync(patchFile, 'utf8').split('\n')) {
    const target = /^\+\+\+ b\/node_modules\/(.+)$/.exec(line)
    if (target) {
      current = []
      out.set(target[1], current)
    } else if (current && line.startsWith('+') && line.trim() !== '+') {
      current.push(line.slice(1))
    }
  }
  return out
}

describe('contentlayer2 patches are installed', () => {
  const patchDir = path.join(root, 'patches')
  const patches = fs.readdirSync(patchDir).filter((f) => f.startsWith('@contentlayer2+') && f.endsWith('.patch'))

  it('postinstall applies the patches', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
    expect(pkg.scripts.postinstall).toMatch(/^patch-package(\s|$)/)
    expect(pkg.devDependencies['patch-package']).toBeDefined()
  })

  it('patches target the installed contentlayer2 version', () => {
    expect(patches.sort()).toEqual([
      '@contentlayer2+core+0.5.8.patch',
      '@contentlayer2+source-files+0.5.8.patch',
      '@contentlayer2+utils+0.5.8.patch',
    ])
    for (const name of ['core', 'source-files', 'utils']) {
      const version = JSON.parse(installed(`@contentlayer2/${name}/package.json`)).version
      expect(version, `@contentlayer2/${name} changed version: re-check patches/`).toBe('0.5.8')
    }
  })

  it('every line the patches add is in the installed files', () => {
    for (const patch of patches) {
      for (const [file, lines] of addedLines(path.join(patchDir, patch))) {
        const text = installed(file)
        for (const line of lines) expect(text, `${patch}: ${file}`).toContain(line)
      }
    }
  })

  it('the document pool runs untraced', () => {
    const code = installed(FETCH_ALL)
    // forEachParN(…) is followed by T.untraced before the results are partitioned.
    expect(code).toMatch(/T\.forEachParN\(concurrencyLimit,[\s\S]*?\)\),\s*(\/\/[^\n]*\n\s*)*T\.untraced, T\.map\(Chunk\.partitionThese\)/)
  })

  it('maps fields without forking and reads each file once', () => {
    expect(installed(EFFECT)).toMatch(/forEachParDict_ = [^\n]*T\.forEach\(\(a\) => T\.tuple\(mapKey\(a\), mapValue\(a\)\)\)/)
    expect(installed(EFFECT)).not.toContain('T.tuplePar(')
    expect(installed(CACHE_ITEM).match(/fs\.readFile\(/g)).toHaveLength(1)
  })

  it('the generated JSON files are written with bounded concurrency', () => {
    const code = installed(GENERATE)
    expect(code).not.toContain('...individualDataJsonFiles.map(writeFile)')
    expect(code).toContain('T.forEachParN_(individualDataJsonFiles, 64, writeFile)')
  })

  it('the Effect library contentlayer uses has the combinators the patches call', async () => {
    const { T } = (await import('@contentlayer2/utils/effect')) as any
    // `untraced` wraps the effect in a tracing-status region that is switched off.
    const region = T.untraced(T.unit)
    expect(region._tag).toBe('TracingStatus')
    expect(region.flag).toBe(false)
    expect(typeof T.forEachParN_).toBe('function')
  })
})

// ---------------------------------------------------------------------------

const FIXTURE_COUNT = 30
/** What contentlayer.config.ts needs to compile, copied into the throwaway project. */
const PROJECT_FILES = ['contentlayer.config.ts', 'lib', 'site.config.ts', 'tsconfig.json', 'package.json']

/** FIXTURE_COUNT files spread evenly over the corpus (so every locale and many sources). */
function pickFixtures(corpusDir: string): string[] {
  const all = listMarkdownFiles(corpusDir).filter((f) => identityFromPath(f))
  const step = all.length / FIXTURE_COUNT
  return Array.from({ length: Math.min(FIXTURE_COUNT, all.length) }, (_, i) => all[Math.floor(i * step)])
}

/** Runs `contentlayer2 build` in a throwaway project; returns its log and generated folder. */
async function buildIn(project: string, content: string): Promise<{ log: string; generated: string }> {
  const run = await promisify(execFile)(process.execPath, ['node_modules/contentlayer2/bin/cli.cjs', 'build'], {
    cwd: project,
    // contentlayer2 takes its project folder from $PWD before process.cwd(): without
    // PWD it would build into (and overwrite) the real project's .contentlayer.
    env: { ...process.env, PWD: project, CONTENT_DIR: content },
    maxBuffer: 64 << 20,
    timeout: 55_000,
  })
  const log = run.stdout + run.stderr
  const generated = path.join(project, '.contentlayer', 'generated', 'Article')
  // The CLI logs a failure and still exits 0, so its log is the only clue.
  if (!fs.existsSync(path.join(generated, '_index.json'))) throw new Error(`contentlayer2 build produced no ${generated}/_index.json:\n${log}`)
  return { log, generated }
}

function makeProject(dir: string) {
  fs.mkdirSync(dir)
  for (const f of PROJECT_FILES) fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true })
}

/**
 * A project whose contentlayer2 is the stock 0.5.8: every package but contentlayer's
 * own is linked; those are copied and patch-package takes the patches back out.
 */
async function makeUnpatchedProject(dir: string) {
  makeProject(dir)
  const modules = path.join(dir, 'node_modules')
  fs.mkdirSync(modules)
  for (const entry of fs.readdirSync(nodeModules)) {
    const copy = entry === '@contentlayer2' || entry === 'contentlayer2'
    if (copy) fs.cpSync(path.join(nodeModules, entry), path.join(modules, entry), { recursive: true, dereference: false })
    else fs.symlinkSync(path.join(nodeModules, entry), path.join(modules, entry))
  }
  fs.cpSync(path.join(root, 'patches'), path.join(dir, 'patches'), { recursive: true })
  await promisify(execFile)(process.execPath, [path.join(nodeModules, 'patch-package', 'index.js'), '--reverse'], { cwd: dir, timeout: 30_000 })
}

/** Every generated file of a build: name → parsed JSON (the index, one file per document). */
function generatedJson(generated: string): Map<string, unknown> {
  const files = fs.readdirSync(generated).filter((f) => f.endsWith('.json')).sort()
  return new Map(files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(generated, f), 'utf8'))]))
}

describe('a build through the patched contentlayer2', () => {
  const corpusCandidates = [path.resolve(root, '../shared/corpus/content'), path.join(root, 'content')]
  const corpusDir = corpusCandidates.find((d) => fs.existsSync(d))!
  let tmp: string
  let fixtures: string[]
  let patched: { log: string; generated: string }
  let stock: { log: string; generated: string }
  let docs: { _id: string; _raw: { sourceFilePath: string }; url: string; locale: string; source: string; slug: string }[]

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-clpatch-'))
    const content = path.join(tmp, 'content')
    fixtures = pickFixtures(corpusDir)
    for (const f of fixtures) {
      fs.mkdirSync(path.dirname(path.join(content, f)), { recursive: true })
      fs.copyFileSync(path.join(corpusDir, f), path.join(content, f))
    }
    makeProject(path.join(tmp, 'patched'))
    fs.symlinkSync(nodeModules, path.join(tmp, 'patched', 'node_modules'), 'dir')
    await makeUnpatchedProject(path.join(tmp, 'stock'))
    patched = await buildIn(path.join(tmp, 'patched'), content)
    stock = await buildIn(path.join(tmp, 'stock'), content)
    docs = JSON.parse(fs.readFileSync(path.join(patched.generated, '_index.json'), 'utf8'))
  }, 120_000)

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  it('uses a fixture set spanning every locale', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(Math.min(FIXTURE_COUNT, 20))
    expect(new Set(fixtures.map((f) => identityFromPath(f)!.locale)).size).toBeGreaterThan(1)
    expect(patched.log).toContain(`Generated ${fixtures.length} documents`)
  })

  it('the stock project really runs the unpatched code', () => {
    const stockCode = fs.readFileSync(path.join(tmp, 'stock', 'node_modules', GENERATE), 'utf8')
    expect(stockCode).toContain('...individualDataJsonFiles.map(writeFile)')
    expect(stockCode).not.toContain('jsonArrayChunks')
    expect(fs.readFileSync(path.join(tmp, 'stock', 'node_modules', EFFECT), 'utf8')).toContain('T.tuplePar(')
  })

  it('generates the same files with and without the patches', () => {
    const names = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.mjs')).sort()
    expect(names(patched.generated)).toEqual(names(stock.generated))
    // One JSON file per document plus the index.
    expect(names(patched.generated).filter((f) => f.endsWith('.json'))).toHaveLength(fixtures.length + 1)
    const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), 'utf8')
    for (const f of names(patched.generated).filter((f) => !f.startsWith('_index.'))) {
      expect(read(patched.generated, f) === read(stock.generated, f), `${f} differs`).toBe(true)
    }
    // The index lists documents in the order contentlayer's file glob found them, which
    // varies from run to run: same documents, and the same bytes as stock's writer makes.
    const byId = (docs: { _id: string }[]) => [...docs].sort((x, y) => x._id.localeCompare(y._id))
    const index = read(patched.generated, '_index.json')
    expect(index === JSON.stringify(JSON.parse(index), null, 2), '_index.json is not JSON.stringify(…, null, 2)').toBe(true)
    expect(byId(JSON.parse(index))).toEqual(byId(JSON.parse(read(stock.generated, '_index.json'))))
    const sortList = (line: string) => line.replace(/\[(.*)\]/, (_, names: string) => `[${names.split(', ').sort().join(', ')}]`)
    const lines = (dir: string) => read(dir, '_index.mjs').split('\n').map(sortList).sort()
    expect(lines(patched.generated)).toEqual(lines(stock.generated))
    expect([...generatedJson(patched.generated).keys()]).toContain('_index.json')
  })

  it('keeps the cache in shards that load back to the same documents', () => {
    const cacheDir = (project: string) => path.join(tmp, project, '.contentlayer', '.cache')
    const files = (project: string) => fs.readdirSync(path.join(cacheDir(project), fs.readdirSync(cacheDir(project))[0]))
    const main = files('patched').find((f) => /^data-[^.]+\.json$/.test(f))!
    const version = fs.readdirSync(cacheDir('patched'))[0]
    const read = (project: string, f: string) => JSON.parse(fs.readFileSync(path.join(cacheDir(project), version, f), 'utf8'))
    const head = read('patched', main)
    expect(head.shards).toBe(Math.ceil(fixtures.length / 2000))
    const items = Object.assign({}, ...Array.from({ length: head.shards }, (_, i) => read('patched', main.replace('.json', `.${i}.json`))))
    const stockItems = read('stock', files('stock').find((f) => /^data-[^.]+\.json$/.test(f))!).cacheItemsMap
    expect(Object.keys(items).sort()).toEqual(Object.keys(stockItems).sort())
    for (const key of Object.keys(items)) expect(items[key].document, key).toEqual(stockItems[key].document)
  })

  it('builds exactly one document per fixture file, with the expected URL', () => {
    expect(docs.map((d) => d._raw.sourceFilePath).sort()).toEqual([...fixtures].sort())
    for (const file of fixtures) {
      const matching = docs.filter((d) => d._raw.sourceFilePath === file)
      expect(matching, file).toHaveLength(1)
      const id = identityFromPath(file)!
      expect(matching[0].url, file).toBe(paths.article(id.locale, id.source, id.slug))
      expect(matching[0].url, file).toMatch(/^(\/zh-cn|\/zh-hk)?\/news\/[^/]+\/[^/]+\/$/)
      expect([matching[0].locale, matching[0].source, matching[0].slug]).toEqual([id.locale, id.source, id.slug])
    }
  })
})
