/**
 * Turns off Next's per-segment prefetch data at build time (run by `postinstall`).
 *
 * Every prerendered page's RSC payload is decoded again and re-encoded as one file per
 * route segment (`<page>.segments/…`, 6–8 files a page), which only the client's
 * segment-level prefetching reads. That was ~23 % of static generation (5k articles:
 * 106 s → 82 s) and ~300,000 files at 30k articles. Next has no option for it, so the
 * production runtimes' one call is disabled here; Kanbao's links do not prefetch
 * (components/Link.tsx), and a click fetches the page's whole `.rsc` payload as before.
 *
 * Fails loudly when a Next upgrade moves the call, so the patch never silently stops applying.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const runtimes = path.join(path.dirname(require.resolve('next/package.json')), 'dist/compiled/next-server')
const files = ['app-page', 'app-page-turbo', 'app-page-experimental', 'app-page-turbo-experimental'].map((n) => `${n}.runtime.prod.js`)

// `x.segmentData=await y.collectSegmentData(` → `x.segmentData=void 0&&await y.collectSegmentData(`:
// the call is never made and the page's metadata has no segments, which Next's writer and server accept.
const call = /([\w$]+)\.segmentData=await ([\w$]+)\.collectSegmentData\(/g
const patched = /[\w$]+\.segmentData=void 0&&await [\w$]+\.collectSegmentData\(/g

export function patchRuntime(source, file) {
  const calls = source.match(call)?.length ?? 0
  const done = source.match(patched)?.length ?? 0
  if (calls + done !== 1) throw new Error(`${file}: expected one collectSegmentData call, found ${calls + done}; update scripts/patch-next.mjs for this Next version`)
  return source.replace(call, '$1.segmentData=void 0&&await $2.collectSegmentData(')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of files) {
    const file = path.join(runtimes, name)
    const source = fs.readFileSync(file, 'utf8')
    const next = patchRuntime(source, file)
    if (next !== source) fs.writeFileSync(file, next)
  }
  console.log(`patch-next: per-segment prefetch data off in ${files.length} Next runtimes`)
}
