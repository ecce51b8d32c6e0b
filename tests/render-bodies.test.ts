/**
 * scripts/render-bodies.ts renders bodies before `next build`, so that the pages find
 * them in the body cache instead of rendering them in Next's workers. Run on the
 * bundled content, as `npm run build` runs it.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { getArticles } from '@/lib/content'
import { readDocumentBody } from '@/lib/content/generated'
import { splitSourceLink } from '@/lib/content/source-link'
import { renderMarkdown } from '@/lib/markdown/render'
import { siteConfig } from '@/site.config'
import { rendererVersion } from '../scripts/fingerprint.mjs'

const root = path.resolve(__dirname, '..')
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-render-bodies-'))
const articles = siteConfig.locales.flatMap((locale) => getArticles(locale))

function renderBodies(bodies: { file: string; mathjax: boolean }[]) {
  const plan = path.join(dist, `plan-${bodies.length}.json`)
  fs.writeFileSync(plan, JSON.stringify({ bodies }))
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/render-bodies.ts', plan], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: dist },
    encoding: 'utf8',
    timeout: 120_000,
  })
}

describe('bodies rendered before next build', () => {
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }))

  it('leaves every article body in the cache the pages read, as the renderer makes it', async () => {
    expect(articles.length).toBeGreaterThan(5)
    const run = renderBodies(articles.map(({ file, mathjax }) => ({ file, mathjax })))
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`bodies: ${articles.length} article bodies`)

    // A page in `next build` (production, this renderer): it must not need to render anything.
    vi.resetModules()
    vi.stubEnv('NODE_ENV', 'production')
    vi.stubEnv('NEXT_DIST_DIR', dist)
    vi.stubEnv('KANBAO_RENDERER', rendererVersion())
    vi.doMock('@/lib/markdown/render', () => ({
      renderMarkdown: () => {
        throw new Error('rendered in the page')
      },
    }))
    try {
      const content = await import('@/lib/content')
      let nonEmpty = 0
      for (const article of articles) {
        const { html, headings } = await content.getArticleBody(article)
        const expected = await renderMarkdown(splitSourceLink(readDocumentBody(article.file)).body, { math: article.mathjax })
        if (expected.html) nonEmpty++
        expect(html, article.file).toBe(expected.html)
        expect(headings, article.file).toEqual(expected.headings)
      }
      expect(nonEmpty).toBeGreaterThan(5)
    } finally {
      vi.doUnmock('@/lib/markdown/render')
      vi.unstubAllEnvs()
      vi.resetModules()
    }
  })

  it('fails the build naming the file it could not render', () => {
    const run = renderBodies([{ file: 'en/news/nowhere/missing.en.md', mathjax: false }])
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain('en/news/nowhere/missing.en.md')
  })
})
