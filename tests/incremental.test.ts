import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentModelInputs, filesDigest } from '@/scripts/fingerprint.mjs'
import { carryOver, planBuild, readPreviousRecord, stashPrevious, waitForDiscards, writeRecord, type BuildRecord } from '../scripts/incremental'

const record = (articles: Record<string, string>, fingerprint = 'code-1', targets = ['/tags/ai/'], lists: Record<string, string> = {}): BuildRecord => ({
  fingerprint, mode: 'full', kept: 0, articles, lists, targets,
})

describe('planning a build', () => {
  const articles = new Map([['/news/a/1/', 'x'], ['/news/a/2/', 'y'], ['/news/a/3/', 'z']])
  const lists = new Map([['/', 'home-1'], ['/page/2/', 'home-2'], ['/tags/ai/', 'ai-1']])

  const current = { fingerprint: 'code-1', articles, lists, targets: ['/tags/ai/', '/tags/new/'] }

  it('renders only new pages and pages whose inputs changed when the code is the same', () => {
    const before = { '/': 'home-1-old', '/page/2/': 'home-2', '/tags/ai/': 'ai-1', '/tags/gone/': 'gone-1' }
    const plan = planBuild(record({ '/news/a/1/': 'x', '/news/a/2/': 'old' }, 'code-1', ['/tags/ai/'], before), current)
    expect(plan).toEqual({
      mode: 'incremental',
      articles: { render: ['/news/a/2/', '/news/a/3/'], keep: 1 },
      // A list page that is gone (/tags/gone/) is not kept, and is no reason for a full build.
      lists: { render: ['/'], keep: 2 },
    })
  })

  it('renders every list page when the previous build recorded none', () => {
    const plan = planBuild(record({ '/news/a/1/': 'x', '/news/a/2/': 'y', '/news/a/3/': 'z' }), current)
    expect(plan).toMatchObject({ mode: 'incremental', articles: { render: [], keep: 3 }, lists: { render: ['/', '/page/2/', '/tags/ai/'], keep: 0 } })
  })

  it('builds everything after a code change, without a previous build, or when asked', () => {
    const same = record({ '/news/a/1/': 'x', '/news/a/2/': 'y', '/news/a/3/': 'z' })
    expect(planBuild(same, { ...current, fingerprint: 'code-2' })).toMatchObject({ mode: 'full', reason: expect.stringMatching(/code/) })
    expect(planBuild(undefined, current)).toMatchObject({ mode: 'full' })
    expect(planBuild(same, current, true)).toMatchObject({ mode: 'full', reason: expect.stringMatching(/KANBAO_FULL_BUILD/) })
  })

  it('builds everything when an article or a tag is gone, since kept sidebars may link to it', () => {
    const removedArticle = planBuild(record({ '/news/a/1/': 'x', '/news/a/gone/': 'w' }), current)
    expect(removedArticle).toMatchObject({ mode: 'full', reason: expect.stringMatching(/\/news\/a\/gone\//) })
    const removedTag = planBuild(record({ '/news/a/1/': 'x' }, 'code-1', ['/tags/old/']), current)
    expect(removedTag).toMatchObject({ mode: 'full', reason: expect.stringMatching(/\/tags\/old\//) })
  })
})

describe('keeping pages from the previous build', () => {
  const entry = (key: string) => ({ srcRoute: '/[locale]/news/[source]/[slug]', dataRoute: `${key}.rsc`, initialRevalidateSeconds: false })

  /** A dist dir as `next build` leaves it: pages (html, rsc, meta) and the manifest. */
  function writeBuild(dist: string, keys: string[], marker: string) {
    const app = path.join(dist, 'server', 'app')
    for (const key of keys) {
      fs.mkdirSync(path.dirname(path.join(app, key)), { recursive: true })
      for (const suffix of ['.html', '.rsc', '.meta']) fs.writeFileSync(path.join(app, key + suffix), `${marker} ${key}${suffix}`)
    }
    fs.writeFileSync(path.join(dist, 'prerender-manifest.json'), JSON.stringify({ version: 4, routes: Object.fromEntries(keys.map((k) => [k, entry(k)])) }))
  }

  /** What `next build` does to the dist dir: it empties everything but cache/. */
  function clean(dist: string) {
    for (const name of fs.readdirSync(dist)) if (name !== 'cache') fs.rmSync(path.join(dist, name), { recursive: true })
  }

  it("moves unchanged pages and their manifest entries into the new build, then deletes the rest in the background", async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-inc-'))
    // "x.y" is a dotted slug beside "x": keeping one must not take the other's files.
    writeBuild(dist, ['/en/news/a/x', '/en/news/a/x.y', '/zh-cn/news/b/z'], 'old')
    writeRecord(dist, record({ '/news/a/x/': '1', '/news/a/x.y/': '2', '/zh-cn/news/b/z/': '3' }))
    expect(readPreviousRecord(dist)?.fingerprint).toBe('code-1')

    const planFile = stashPrevious(dist, ['/news/a/x.y/'])
    expect(JSON.parse(fs.readFileSync(planFile, 'utf8'))).toEqual(['/news/a/x.y/'])
    clean(dist)
    writeBuild(dist, ['/en/news/a/x.y', '/en'], 'new')

    expect(carryOver(dist, ['/news/a/x/', '/news/a/x.y/', '/zh-cn/news/b/z/'])).toBe(2)
    const app = path.join(dist, 'server', 'app')
    expect(fs.readFileSync(path.join(app, 'en/news/a/x.html'), 'utf8')).toBe('old /en/news/a/x.html')
    expect(fs.readFileSync(path.join(app, 'en/news/a/x.y.html'), 'utf8')).toBe('new /en/news/a/x.y.html')
    expect(fs.readFileSync(path.join(app, 'zh-cn/news/b/z.rsc'), 'utf8')).toBe('old /zh-cn/news/b/z.rsc')
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'prerender-manifest.json'), 'utf8'))
    expect(Object.keys(manifest.routes).sort()).toEqual(['/en', '/en/news/a/x', '/en/news/a/x.y', '/zh-cn/news/b/z'])
    expect(manifest.routes['/en/news/a/x']).toEqual(entry('/en/news/a/x'))
    // The stash is out of the way at once, and gone soon after.
    expect(fs.existsSync(path.join(dist, 'cache', 'kanbao-previous'))).toBe(false)
    await waitForDiscards(dist, 20_000)
    expect(fs.readdirSync(path.join(dist, 'cache'))).toEqual([])
  })

  it('starts again from the kept output when the build after it failed', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-inc-'))
    writeBuild(dist, ['/en/news/a/x'], 'old')
    writeRecord(dist, record({ '/news/a/x/': '1' }))
    stashPrevious(dist, [])
    clean(dist) // …and `next build` failed here.
    expect(readPreviousRecord(dist)?.articles).toEqual({ '/news/a/x/': '1' })
    stashPrevious(dist, [])
    writeBuild(dist, ['/en'], 'new')
    expect(carryOver(dist, ['/news/a/x/'])).toBe(1)
  })

  it('starts from scratch when the record is not one it can read', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-inc-'))
    writeBuild(dist, ['/en/news/a/x'], 'old')
    fs.mkdirSync(path.join(dist, 'kanbao'))
    fs.writeFileSync(path.join(dist, 'kanbao', 'build-record.json'), JSON.stringify({ fingerprint: 'code-1', articles: {} }))
    expect(readPreviousRecord(dist)).toBeUndefined()
  })

  it('fails, naming the article, when the previous build lacks a page it should keep', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-inc-'))
    writeBuild(dist, ['/en/news/a/x'], 'old')
    writeRecord(dist, record({ '/news/a/x/': '1' }))
    stashPrevious(dist, [])
    clean(dist)
    writeBuild(dist, ['/en'], 'new')
    expect(() => carryOver(dist, ['/news/a/x/', '/news/a/lost/'])).toThrow(/\/news\/a\/lost\/.*KANBAO_FULL_BUILD/)
  })
})

describe('the code fingerprint', () => {
  it('changes with any byte, name or file of the code it covers, and with the settings passed in', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-fp-'))
    fs.mkdirSync(path.join(dir, 'lib'))
    fs.writeFileSync(path.join(dir, 'lib', 'a.ts'), 'export const a = 1')
    const digest = (extra: string[] = []) => filesDigest([path.join(dir, 'lib'), path.join(dir, 'missing.json')], extra)
    const first = digest()
    expect(digest()).toBe(first)
    fs.writeFileSync(path.join(dir, 'lib', 'a.ts'), 'export const a = 2')
    const edited = digest()
    expect(edited).not.toBe(first)
    fs.writeFileSync(path.join(dir, 'lib', 'b.ts'), '')
    expect(digest()).not.toBe(edited)
    expect(digest(['SITE_URL=https://example.com'])).not.toBe(digest())
  })
})

describe('the content model fingerprint', () => {
  const project = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-model-'))
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      fs.writeFileSync(path.join(dir, file), text)
    }
    write('contentlayer.config.ts', "import { derive } from './lib/derive'\nexport default derive")
    write('scripts/check-folder.ts', "export { check } from '../lib/check'")
    write('lib/derive.ts', "import { slug } from './urls'\nexport const derive = slug")
    write('lib/urls.ts', 'export const slug = (s: string) => s.toLowerCase()')
    write('lib/check.ts', 'export const check = () => []')
    write('lib/feeds.ts', 'export const feed = 1')
    write('package-lock.json', '{}')
    return { dir, write, digest: () => filesDigest(contentModelInputs(dir)) }
  }

  it('changes with the code the content model imports, however deep, and not with code that only renders pages', () => {
    const { write, digest } = project()
    const first = digest()
    write('lib/feeds.ts', 'export const feed = 2')
    expect(digest()).toBe(first)
    write('lib/urls.ts', 'export const slug = (s: string) => s.toUpperCase()')
    const edited = digest()
    expect(edited).not.toBe(first)
    write('lib/check.ts', "import { feed } from './feeds'\nexport const check = () => [feed]")
    const importing = digest()
    expect(importing).not.toBe(edited)
    write('lib/feeds.ts', 'export const feed = 3')
    expect(digest()).not.toBe(importing)
    write('package-lock.json', '{"lockfileVersion":3}')
    expect(digest()).not.toBe(importing)
  })

  it('counts every file of lib/ when the code does not compile', () => {
    const { dir, write } = project()
    write('lib/urls.ts', 'export const slug = (s: string) =>')
    const inputs = contentModelInputs(dir).map((f) => path.relative(dir, f))
    expect(inputs).toContain('lib')
  })

  it("covers this project's content model and leaves out rendering-only code", () => {
    const inputs = contentModelInputs()
    expect(inputs).toEqual(expect.arrayContaining(['contentlayer.config.ts', 'lib/content/derive.ts', 'lib/urls.ts', 'lib/markdown/text.ts', 'site.config.ts', 'package-lock.json']))
    expect(inputs.filter((f) => f.startsWith('components/') || f.startsWith('lib/search/') || f === 'lib/feeds.ts')).toEqual([])
  })
})
