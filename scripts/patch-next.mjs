/**
 * Two changes to Next's production page runtimes, made at install (`postinstall`),
 * each of which fails the install loudly when a Next upgrade moves its code, so that
 * a patch never silently stops applying.
 *
 * 1. No per-segment prefetch data. Every prerendered page's RSC payload was decoded
 *    again and re-encoded as one file per route segment (`<page>.segments/…`, 6–8
 *    files a page), which only the client's segment-level prefetching reads: ~23 % of
 *    static generation (5k articles: 106 s → 82 s) and ~300,000 files at 30k articles.
 *    Next has no option for it, so the one call is disabled; Kanbao's links do not
 *    prefetch (components/Link.tsx), and a click fetches the page's whole `.rsc`
 *    payload as before.
 * 2. No RSC payload inlined into prerendered HTML, when the build asks for it with
 *    KANBAO_OMIT_INLINED_FLIGHT=1. Next copies each page's RSC payload into its HTML as
 *    `self.__next_f.push(…)` scripts for hydration: two thirds of the HTML it writes. With
 *    `clientRouter: false` the build removes those scripts again, with the runtime that
 *    reads them (scripts/strip-runtime.ts), so scripts/build.ts sets the variable for
 *    `next build` alone: static generation ~13 % faster at 5k (4 interleaved pairs). The
 *    `.rsc` files are written as before; `npm start` and `npm run dev` never set it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const runtimes = path.join(path.dirname(require.resolve('next/package.json')), 'dist/compiled/next-server')
const files = ['app-page', 'app-page-turbo', 'app-page-experimental', 'app-page-turbo-experimental'].map((n) => `${n}.runtime.prod.js`)

/** The variable scripts/build.ts sets for `next build` when prerendered pages leave the runtime off. */
export const OMIT_INLINED_FLIGHT = 'KANBAO_OMIT_INLINED_FLIGHT'

const patches = [
  {
    what: 'collectSegmentData call',
    // `x.segmentData=await y.collectSegmentData(` → `x.segmentData=void 0&&await y.collectSegmentData(`:
    // the call is never made and the page's metadata has no segments, which Next's writer and server accept.
    find: /([\w$]+)\.segmentData=await ([\w$]+)\.collectSegmentData\(/g,
    done: /[\w$]+\.segmentData=void 0&&await [\w$]+\.collectSegmentData\(/g,
    replace: '$1.segmentData=void 0&&await $2.collectSegmentData(',
  },
  {
    what: 'createNodeInlinedDataStream function',
    // Its first statement opens the `<script>` of the first push; with the variable set it
    // returns an ended stream instead, which Next's stream merging accepts (it makes one itself
    // when it has nothing to merge).
    find: /(function [\w$]+\(e,t,r\)\{)(let n=t\?`<script nonce="\$\{\(0,[\w$]+\.eS\)\(t\)\}">`:"<script>",a=[\w$]+\(e\),s=new ([\w$]+)\.PassThrough)/g,
    done: new RegExp(`function [\\w$]+\\(e,t,r\\)\\{if\\(process\\.env\\.${OMIT_INLINED_FLIGHT}==="1"\\)`, 'g'),
    replace: `$1if(process.env.${OMIT_INLINED_FLIGHT}==="1"){let s=new $3.PassThrough;return s.end(),s}$2`,
  },
]

export function patchRuntime(source, file) {
  let out = source
  for (const { what, find, done, replace } of patches) {
    const todo = out.match(find)?.length ?? 0
    const made = out.match(done)?.length ?? 0
    if (todo + made !== 1) throw new Error(`${file}: expected one ${what}, found ${todo + made}; update scripts/patch-next.mjs for this Next version`)
    out = out.replace(find, replace)
  }
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of files) {
    const file = path.join(runtimes, name)
    const source = fs.readFileSync(file, 'utf8')
    const next = patchRuntime(source, file)
    if (next !== source) fs.writeFileSync(file, next)
  }
  console.log(`patch-next: per-segment prefetch data off, inlined RSC payload optional, in ${files.length} Next runtimes`)
}
