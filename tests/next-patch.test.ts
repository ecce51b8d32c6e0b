/**
 * scripts/patch-next.mjs turns off Next's per-segment prefetch data. It must change
 * exactly the one call, and stop the install when a Next upgrade moves it.
 */
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { patchRuntime } from '../scripts/patch-next.mjs'

const call = 'let p=1;i.segmentData=await r.collectSegmentData(n.cacheComponents,e,d);return i'

describe('patch-next', () => {
  it('disables the one collectSegmentData call and is idempotent', () => {
    const once = patchRuntime(call, 'x.js')
    expect(once).toBe('let p=1;i.segmentData=void 0&&await r.collectSegmentData(n.cacheComponents,e,d);return i')
    expect(patchRuntime(once, 'x.js')).toBe(once)
  })

  it('refuses a runtime where the call moved or multiplied, naming the file', () => {
    expect(() => patchRuntime('i.prefetchData=await r.collectSegmentData(e)', 'runtime.js')).toThrow(/runtime\.js: expected one collectSegmentData call, found 0/)
    expect(() => patchRuntime(`${call};${call}`, 'runtime.js')).toThrow(/found 2/)
  })

  it('is applied to the installed production runtime', () => {
    const require = createRequire(import.meta.url)
    const runtime = path.join(path.dirname(require.resolve('next/package.json')), 'dist/compiled/next-server/app-page-turbo.runtime.prod.js')
    const source = fs.readFileSync(runtime, 'utf8')
    expect(source).toContain('.segmentData=void 0&&await ')
    expect(source).not.toMatch(/\.segmentData=await [\w$]+\.collectSegmentData\(/)
  })
})
