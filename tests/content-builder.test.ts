/**
 * The content builder as `npm run dev` keeps it: one builder for a session, told
 * which files were saved, with its state in memory and written when asked, and
 * contentlayer kept running between builds.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { contentBuilder, type ContentBuilder } from '../scripts/content-builder'

const root = path.resolve(__dirname, '..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-content-builder-'))
const dir = path.join(tmp, 'content')
const out = path.join(tmp, 'generated-root')
const articles = path.join(out, 'generated', 'Article')
const env = { CONTENT_DIR: dir, CONTENTLAYER_DIR: out, INVALID_REPORT: path.join(tmp, 'none.json') }

beforeAll(() => {
  fs.cpSync(path.join(root, 'content'), dir, { recursive: true })
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
})
afterAll(() => {
  vi.unstubAllEnvs()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const titles = () => (JSON.parse(fs.readFileSync(path.join(articles, '_meta.json'), 'utf8')) as { title: string; _raw: { sourceFilePath: string } }[])
const titleOf = (file: string) => titles().find((d) => d._raw.sourceFilePath === file)?.title
function retitle(file: string, title: string): void {
  const full = path.join(dir, file)
  fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace(/^title: .*$/m, `title: "${title}"`))
}

describe('the content builder of a dev session', () => {
  const lines: string[] = []
  let builder: ContentBuilder
  // Made once the environment names the folders: a builder takes them when it is made.
  beforeAll(() => void (builder = contentBuilder(dir, { log: (line) => lines.push(line), keepContentlayer: true })))
  afterAll(() => builder.close())
  const last = () => lines.filter((l) => l.includes('to build')).at(-1)

  it('rebuilds the saved files it is told of, and what is added or deleted, without a restart', async () => {
    expect((await builder.build()).ok).toBe(true)
    const total = titles().length

    retitle('en/news/kanbao/k1000.en.md', 'Saved in the editor')
    const saved = await builder.build(new Set(['en/news/kanbao/k1000.en.md']))
    expect(saved.ok).toBe(true)
    expect(last()).toContain(`${total - 1} documents unchanged since the last build, 1 to build`)
    expect(titleOf('en/news/kanbao/k1000.en.md')).toBe('Saved in the editor')

    fs.copyFileSync(path.join(dir, 'en/news/kanbao/k1000.en.md'), path.join(dir, 'en/news/kanbao/k9999.en.md'))
    retitle('en/news/kanbao/k9999.en.md', 'A new article')
    fs.rmSync(path.join(dir, 'en/news/kanbao/k1001.en.md'))
    const changed = await builder.build(new Set(['en/news/kanbao/k9999.en.md', 'en/news/kanbao/k1001.en.md']))
    expect(changed.ok).toBe(true)
    expect(titleOf('en/news/kanbao/k9999.en.md')).toBe('A new article')
    expect(titleOf('en/news/kanbao/k1001.en.md')).toBeUndefined()
    expect(fs.existsSync(path.join(articles, 'en__news__kanbao__k1001.en.md.json'))).toBe(false)
    expect(titles()).toHaveLength(total)
  })

  it('reports a file that cannot become a document, and builds it once it is fixed', async () => {
    const bad = 'en/news/kanbao/k9998.en.md'
    fs.writeFileSync(path.join(dir, bad), '---\ntitle: "No language"\ndate: "2025-02-01 08:30:00"\n---\nBody.\n')
    const errors: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line))
    const failed = await builder.build(new Set([bad]))
    spy.mockRestore()
    expect(failed.ok).toBe(false)
    expect(failed.summary).toContain('1 lost')
    expect(errors.join('\n')).toMatch(/✗ .*en\/news\/kanbao\/k9998\.en\.md: .*lang/)

    fs.writeFileSync(path.join(dir, bad), '---\ntitle: "Fixed"\ndate: "2025-02-01 08:30:00"\nlang: ["en"]\n---\nBody.\n')
    expect((await builder.build(new Set([bad]))).ok).toBe(true)
    expect(titleOf(bad)).toBe('Fixed')
  })

  it('hands its state to the next process: `npm run content` then has nothing to build', () => {
    builder.saveState()
    const res = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/content-build.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 120_000,
    })
    expect(res.status, res.stdout + res.stderr).toBe(0)
    expect(res.stdout).toMatch(/ 0 to build/)
    expect(res.stdout).not.toContain('Generated')
    expect(titleOf('en/news/kanbao/k1000.en.md')).toBe('Saved in the editor')
  })
})
