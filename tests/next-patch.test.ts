/**
 * scripts/patch-next.mjs turns off Next's per-segment prefetch data and makes its
 * inlined RSC payload optional. Each patch must change exactly its one place, and
 * stop the install when a Next upgrade moves it.
 */
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createRequire } from 'node:module'
import { OMIT_INLINED_FLIGHT, patchRuntime } from '../scripts/patch-next.mjs'

const call = 'let p=1;i.segmentData=await r.collectSegmentData(n.cacheComponents,e,d);return i'
// Shaped as Next 16.4's createNodeInlinedDataStream, minified, with what it needs around it.
const inline =
  'function B(e,t,r){let n=t?`<script nonce="${(0,d.eS)(t)}">`:"<script>",a=k(e),s=new i.PassThrough,o="(self.__next_f=self.__next_f||[]).push([0])";' +
  'return s.push(Buffer.from(`${n}${o}</script>`)),a.pipe(s),s}'
const runtime = `${call};${inline}`

/** Runs the (patched) function as the runtime would, and reads what it streams. */
async function inlinedData(source: string): Promise<string> {
  const make = new Function('i', 'd', 'k', 'Buffer', `${source.slice(source.indexOf('function B'))};return B`)
  const B = make(await import('node:stream'), { eS: (x: string) => x }, (e: unknown) => e, Buffer)
  const out: Buffer[] = []
  for await (const chunk of B(Readable.from([Buffer.from('<payload>')]), undefined, null) as Readable) out.push(chunk)
  return Buffer.concat(out).toString()
}

describe('patch-next', () => {
  it('disables the one collectSegmentData call and is idempotent', () => {
    const once = patchRuntime(runtime, 'x.js')
    expect(once).toContain('let p=1;i.segmentData=void 0&&await r.collectSegmentData(n.cacheComponents,e,d);return i')
    expect(patchRuntime(once, 'x.js')).toBe(once)
  })

  it('inlines the RSC payload unless the build sets the variable', async () => {
    const patched = patchRuntime(runtime, 'x.js')
    delete process.env[OMIT_INLINED_FLIGHT]
    expect(await inlinedData(patched)).toBe('<script>(self.__next_f=self.__next_f||[]).push([0])</script><payload>')
    process.env[OMIT_INLINED_FLIGHT] = '1'
    try {
      expect(await inlinedData(patched)).toBe('')
    } finally {
      delete process.env[OMIT_INLINED_FLIGHT]
    }
  })

  it('refuses a runtime where a patched place moved or multiplied, naming the file', () => {
    expect(() => patchRuntime(`i.prefetchData=await r.collectSegmentData(e);${inline}`, 'runtime.js')).toThrow(/runtime\.js: expected one collectSegmentData call, found 0/)
    expect(() => patchRuntime(`${call};${call};${inline}`, 'runtime.js')).toThrow(/found 2/)
    expect(() => patchRuntime(call, 'runtime.js')).toThrow(/runtime\.js: expected one createNodeInlinedDataStream function, found 0/)
  })

  it('is applied to the installed production runtime', () => {
    const require = createRequire(import.meta.url)
    const file = path.join(path.dirname(require.resolve('next/package.json')), 'dist/compiled/next-server/app-page-turbo.runtime.prod.js')
    const source = fs.readFileSync(file, 'utf8')
    expect(source).toContain('.segmentData=void 0&&await ')
    expect(source).not.toMatch(/\.segmentData=await [\w$]+\.collectSegmentData\(/)
    expect(source).toContain(`if(process.env.${OMIT_INLINED_FLIGHT}==="1"){`)
    expect(patchRuntime(source, file)).toBe(source)
  })
})
