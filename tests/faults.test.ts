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

  it('a missing search index makes search unavailable instead of failing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-noindex-'))
    const before = process.env.NEXT_DIST_DIR
    process.env.NEXT_DIST_DIR = empty
    try {
      const { search } = await import('@/lib/search')
      expect(await search('en', { q: 'harbor', page: 1, pageSize: 10 })).toBeUndefined()
    } finally {
      process.env.NEXT_DIST_DIR = before
    }
  })

  it('a damaged search index makes search unavailable instead of failing', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-badindex-'))
    const before = process.env.NEXT_DIST_DIR
    process.env.NEXT_DIST_DIR = dist
    try {
      const { search, searchIndexFile } = await import('@/lib/search')
      fs.mkdirSync(path.dirname(searchIndexFile('zh-CN')), { recursive: true })
      fs.writeFileSync(searchIndexFile('zh-CN'), '{"documentCount":3,"index":[["港') // cut off mid-write
      expect(await search('zh-CN', { q: '港口', page: 1, pageSize: 10 })).toBeUndefined()
    } finally {
      process.env.NEXT_DIST_DIR = before
    }
  })

  it('the server keeps answering other requests while a large search index loads', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-bigindex-'))
    const before = process.env.NEXT_DIST_DIR
    process.env.NEXT_DIST_DIR = dist
    try {
      const { search, searchIndexFile } = await import('@/lib/search')
      const { indexFile } = await import('@/lib/search/engine')
      // Thousands of distinct words: loading is then done in several batches.
      const docs = Array.from({ length: 3000 }, (_, i) => ({
        id: `k${i}`, path: `/zh-hk/news/k/${i}/`, title: `harbour${i} ferry`, summary: '', body: `word${i} pier${i}`,
        excerpt: '', published: i, source: 'k', tags: [],
      }))
      fs.mkdirSync(path.dirname(searchIndexFile('zh-HK')), { recursive: true })
      fs.writeFileSync(searchIndexFile('zh-HK'), indexFile(docs))
      let answered = 0
      const other = setInterval(() => answered++, 0) // stands for the other requests the process serves
      const results = await search('zh-HK', { q: 'harbour1234', page: 1, pageSize: 10 })
      clearInterval(other)
      expect(results?.hits[0]?.id).toBe('k1234')
      expect(answered).toBeGreaterThan(0)
    } finally {
      process.env.NEXT_DIST_DIR = before
    }
  })
})
