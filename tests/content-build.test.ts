/**
 * `npm run content` end to end on small folders: contentlayer2 in several shards
 * (CONTENT_SHARD_SIZE=2), merged into one generated folder, every file accounted for.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_SHARD_SIZE, planShards, shardCount, shardOf } from '@/lib/content/shards'

const root = path.resolve(__dirname, '..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-content-build-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

function contentFolder(name: string, extra: Record<string, string> = {}): string {
  const dir = path.join(tmp, name, 'content')
  fs.cpSync(path.join(root, 'content'), dir, { recursive: true })
  for (const [file, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  return dir
}

function build(dir: string) {
  const out = path.join(path.dirname(dir), 'generated-root')
  const res = spawnSync(tsx, ['scripts/content-build.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: dir, CONTENTLAYER_DIR: out, CONTENT_SHARD_SIZE: '8', INVALID_REPORT: path.join(tmp, 'none.json') },
    timeout: 120_000,
  })
  return { ...res, articles: path.join(out, 'generated', 'Article') }
}

const markdownFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => f.split(path.sep).join('/'))

describe('shards', () => {
  it('put every file in exactly one shard, the same one on every run, in shards of about the asked size', () => {
    const files = Array.from({ length: 3000 }, (_, i) => `en/news/src${i % 45}/${1000 + i}.en.md`)
    const count = shardCount(files.length, 1, 1000)
    expect(count).toBe(3)
    const plan = planShards(files, count)
    expect(plan.flat().sort()).toEqual([...files].sort())
    for (const shard of plan) expect(shard.length).toBeGreaterThan(800)
    expect(shardOf(files[7], count)).toBe(shardOf(files[7], count))
    expect(shardCount(0)).toBe(1)
  })

  it('keep every core busy to the end: a multiple of the cores, unless the build is too small to split', () => {
    // 30k on 2 cores: 5 shards by memory would leave one core idle for the last; 6 do not.
    expect(shardCount(30_000, 2)).toBe(6)
    expect(shardCount(30_000, 1)).toBe(5)
    expect(shardCount(100_000, 2)).toBe(18)
    // Under the memory bound, but two cores can still share it.
    expect(shardCount(5_000, 2)).toBe(2)
    expect(shardCount(5_000, 8)).toBe(5)
    // A few edited files: one process, not one per core.
    expect(shardCount(100, 8)).toBe(1)
    expect(shardCount(1_500, 2)).toBe(1)
    for (const [files, cores] of [[30_000, 2], [100_000, 4], [12_345, 3]]) {
      expect(Math.ceil(files / shardCount(files, cores))).toBeLessThanOrEqual(DEFAULT_SHARD_SIZE)
    }
  })
})

describe('the content build', () => {
  it('builds every file of a folder across several shards into one generated folder', () => {
    const dir = contentFolder('good')
    const res = build(dir)
    expect(res.status, res.stdout + res.stderr).toBe(0)
    const files = markdownFiles(dir)
    expect(res.stdout).toMatch(new RegExp(`0 documents unchanged since the last build, ${files.length} to build in \\d+ shards`))
    expect(res.stdout).toContain(`${files.length} documents (${files.length} built now)`)
    const meta = JSON.parse(fs.readFileSync(path.join(res.articles, '_meta.json'), 'utf8')) as { _raw: { sourceFilePath: string }; body?: unknown }[]
    expect(meta.map((d) => d._raw.sourceFilePath).sort()).toEqual(files.sort())
    expect(meta.every((d) => d.body === undefined)).toBe(true)
    // Bodies stay in one file per document, named as contentlayer names them.
    const seed = JSON.parse(fs.readFileSync(path.join(res.articles, 'zh-CN__news__qq__20250207A09BIW.zh-CN.md.json'), 'utf8'))
    expect(seed.body.raw).toContain('DeepSeek')
    const barrel = fs.readFileSync(path.join(res.articles, '_index.mjs'), 'utf8')
    expect(barrel.match(/^import /gm)).toHaveLength(files.length)
  })

  it('builds only new and changed files, by content: touching every file changes nothing, a deleted file goes', () => {
    const dir = contentFolder('incremental')
    const first = build(dir)
    expect(first.status, first.stdout + first.stderr).toBe(0)
    const total = markdownFiles(dir).length
    const later = new Date(Date.now() + 60_000)
    for (const f of markdownFiles(dir)) fs.utimesSync(path.join(dir, f), later, later)
    const metaFile = path.join(first.articles, '_meta.json')
    const listedAt = fs.statSync(metaFile).mtimeMs
    const touched = build(dir)
    expect(touched.status).toBe(0)
    expect(touched.stdout).toContain(`${total} documents unchanged since the last build, 0 to build`)
    expect(touched.stdout).not.toContain('Generated')
    // Nothing changed, so `npm run dev` has nothing to reload.
    expect(fs.statSync(metaFile).mtimeMs).toBe(listedAt)

    // An edit that keeps the file's size and its modification time is still an edit.
    const sample = path.join(dir, 'en/news/kanbao/k1000.en.md')
    const text = fs.readFileSync(sample, 'utf8')
    const title = /^title: "(.*)"$/m.exec(text)![1]
    const sameSize = title.replace(/^./, (c) => (c === 'X' ? 'Y' : 'X'))
    fs.writeFileSync(sample, text.replace(`title: "${title}"`, `title: "${sameSize}"`))
    fs.utimesSync(sample, later, later)
    // A document deleted from the generated folder by hand comes back.
    fs.rmSync(path.join(first.articles, 'en__news__kanbao__k1002.en.md.json'))
    const sameSized = build(dir)
    expect(sameSized.status, sameSized.stdout + sameSized.stderr).toBe(0)
    expect(sameSized.stdout).toContain(`${total - 1} documents unchanged since the last build, 1 to build`)
    expect(JSON.parse(fs.readFileSync(path.join(first.articles, 'en__news__kanbao__k1000.en.md.json'), 'utf8')).title).toBe(sameSize)
    expect(fs.existsSync(path.join(first.articles, 'en__news__kanbao__k1002.en.md.json'))).toBe(true)

    const seed = path.join(dir, 'zh-CN/news/qq/20250207A09BIW.zh-CN.md')
    fs.writeFileSync(seed, fs.readFileSync(seed, 'utf8').replace(/^title: .*$/m, 'title: "改过的标题"'))
    fs.rmSync(path.join(dir, 'en/news/kanbao/k1001.en.md'))
    const edited = build(dir)
    expect(edited.status).toBe(0)
    expect(edited.stdout).toContain(`${total - 2} documents unchanged since the last build, 1 to build`)
    expect(edited.stdout.match(/Generated \d+ documents/g)).toEqual(['Generated 1 documents'])
    expect(fs.existsSync(path.join(edited.articles, 'en__news__kanbao__k1001.en.md.json'))).toBe(false)
    const doc = JSON.parse(fs.readFileSync(path.join(edited.articles, 'zh-CN__news__qq__20250207A09BIW.zh-CN.md.json'), 'utf8'))
    expect(doc.title).toBe('改过的标题')
    const meta = JSON.parse(fs.readFileSync(path.join(edited.articles, '_meta.json'), 'utf8')) as { title: string }[]
    expect(meta.map((d) => d.title)).toContain('改过的标题')
    expect(meta).toHaveLength(markdownFiles(dir).length)
  })

  it('fails, naming the file and the reason, when contentlayer drops a document', () => {
    const dir = contentFolder('bad', {
      'en/news/kanbao/no-lang.en.md': '---\ntitle: "No language"\ndate: "2025-02-01 08:30:00"\n---\nBody.\n',
      'en/kanbao/orphan.en.md': '---\ntitle: "Wrong name"\ndate: "2025-02-01 08:30:00"\nlang: ["en"]\n---\nBody.\n',
    })
    const res = build(dir)
    expect(res.status).toBe(1)
    expect(res.stderr).toMatch(/✗ .*en\/news\/kanbao\/no-lang\.en\.md: .*lang/)
    expect(res.stderr).toMatch(/✗ .*en\/kanbao\/orphan\.en\.md: path: not <lang>\/news\/<source>\/<id>\.<lang>\.md/)
    expect(res.stdout).toMatch(/2 lost/)
  })
})
