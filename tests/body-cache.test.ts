import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

// Each import is a fresh module, like a fresh build worker.
async function freshCache(env: Record<string, string>) {
  vi.resetModules()
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
  return (await import('@/lib/content/body-cache')).cachedRender
}

describe('rendered bodies cached on disk', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-bodies-'))
  afterEach(() => vi.unstubAllEnvs())

  it('renders an article once across workers, and again when the renderer changes', async () => {
    let renders = 0
    const render = async () => ({ html: `<p>${++renders}</p>`, headings: [] })
    const production = { NODE_ENV: 'production', NEXT_DIST_DIR: dist, KANBAO_RENDERER: 'v1' }
    expect(await (await freshCache(production))('false\0# Hello', render)).toEqual({ html: '<p>1</p>', headings: [] })
    expect(await (await freshCache(production))('false\0# Hello', render)).toEqual({ html: '<p>1</p>', headings: [] })
    expect(renders).toBe(1)
    // Another body, or the same body with math on, is another entry.
    await (await freshCache(production))('true\0# Hello', render)
    expect(renders).toBe(2)
    // A new renderer never sees the old renderer's output.
    expect(await (await freshCache({ ...production, KANBAO_RENDERER: 'v2' }))('false\0# Hello', render)).toEqual({ html: '<p>3</p>', headings: [] })
  })

  it('is off under next dev and outside Next (no renderer fingerprint)', async () => {
    let renders = 0
    const render = async () => ({ n: ++renders })
    const dev = await freshCache({ NODE_ENV: 'development', NEXT_DIST_DIR: dist, KANBAO_RENDERER: 'v1' })
    await dev('x', render)
    await dev('x', render)
    const script = await freshCache({ NODE_ENV: 'production', NEXT_DIST_DIR: dist, KANBAO_RENDERER: '' })
    await script('x', render)
    expect(renders).toBe(3)
  })
})
