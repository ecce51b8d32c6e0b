import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// Misconfiguration fails fast with one line that says what to do.

const root = path.resolve(__dirname, '..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
const run = (cmd: string, args: string[], env: Record<string, string>) =>
  spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 })

describe('faults', () => {
  it('a missing CONTENT_DIR stops the content build at once, naming the folder', () => {
    const res = run(tsx, ['scripts/content-build.ts'], { CONTENT_DIR: '/nonexistent/kanbao-content' })
    expect(res.status).not.toBe(0)
    const lines = res.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/CONTENT_DIR \/nonexistent\/kanbao-content: ENOENT/)
  })

  it('a CONTENT_DIR that is a file, not a folder, is refused the same way', () => {
    const res = run(tsx, ['scripts/content-build.ts'], { CONTENT_DIR: path.join(root, 'package.json') })
    expect(res.status).not.toBe(0)
    expect(res.stderr).toMatch(/CONTENT_DIR .*package\.json: (ENOTDIR|not a directory)/)
  })

  it('npm start without a build says to build first', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-nobuild-'))
    const res = run(process.execPath, ['scripts/start.mjs'], { NEXT_DIST_DIR: empty })
    expect(res.status).toBe(1)
    expect(res.stderr.trim()).toMatch(/^start: no production build in .* run `npm run build` first/)
  })

  /**
   * lib/search with NEXT_DIST_DIR at a new folder holding this locale's index file (none when
   * `index` is undefined). Each test takes its own locale: lib/search keeps an index per locale.
   */
  async function searchWith(locale: 'en' | 'zh-CN' | 'zh-HK', index: string | undefined) {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-index-'))
    const before = process.env.NEXT_DIST_DIR
    process.env.NEXT_DIST_DIR = dist
    const { search, searchIndexFile } = await import('@/lib/search')
    if (index !== undefined) {
      fs.mkdirSync(path.dirname(searchIndexFile(locale)), { recursive: true })
      fs.writeFileSync(searchIndexFile(locale), index)
    }
    return (q: string) => search(locale, { q, page: 1, pageSize: 10 }).finally(() => (process.env.NEXT_DIST_DIR = before))
  }

  it('a missing search index makes search unavailable instead of failing', async () => {
    expect(await (await searchWith('en', undefined))('harbor')).toBeUndefined()
  })

  it('a damaged search index makes search unavailable instead of failing', async () => {
    const cutOffMidWrite = '{"documentCount":3,"index":[["港'
    expect(await (await searchWith('zh-CN', cutOffMidWrite))('港口')).toBeUndefined()
  })

  it('the server keeps answering other requests while a large search index loads', async () => {
    const { indexFile } = await import('@/lib/search/engine')
    // Thousands of distinct words: loading is then done in several batches.
    const docs = Array.from({ length: 3000 }, (_, i) => ({
      id: `k${i}`, path: `/zh-hk/news/k/${i}/`, title: `harbour${i} ferry`, summary: '', body: `word${i} pier${i}`,
      excerpt: '', published: i, source: 'k', tags: [],
    }))
    const search = await searchWith('zh-HK', indexFile(docs))
    let answered = 0
    const other = setInterval(() => answered++, 0) // stands for the other requests the process serves
    const results = await search('harbour1234')
    clearInterval(other)
    expect(results?.hits[0]?.id).toBe('k1234')
    expect(answered).toBeGreaterThan(0)
  })
})
