/**
 * Prerendered pages without Next's client runtime (`clientRouter: false` in
 * site.config.ts). Kanbao's pages are server components: the runtime (React DOM
 * and the App Router, ~118 KB gzip before any page code) only hydrates them and
 * turns links into client-side navigations. Without it a page is its HTML, its CSS
 * and the site's inline islands (lib/client-scripts.ts). Next has no switch for
 * this (vercel/next.js#5054), so the build removes what Next added to the HTML it
 * prerendered: the script preloads and script tags in <head>, and the run of
 * bootstrap and RSC-data scripts that closes <body> (Next is patched not to write
 * the RSC data there in the first place, scripts/patch-next.mjs, but a page that has
 * it is stripped all the same). Only those two places are touched; an article's
 * markup sits between them. The RSC data files stay, so the pages that keep the
 * runtime (search, drafts, `npm run dev`) still navigate to these client-side.
 */
import fs from 'node:fs'
import { prerenderedRoutes } from './prerendered.mjs'

const HEAD_END = '</head>'
const DOCUMENT_END = '</body></html>'
const SCRIPT_END = '</script>'
/** What Next puts in <head>: preloads of its chunks and the chunks' script tags (module and nomodule). */
const HEAD_RUNTIME = /<link rel="preload" as="script"[^>]* href="\/_next\/[^"]*"[^>]*\/>|<script src="\/_next\/[^"]*"[^>]*><\/script>/g
/** What closes <body>: chunk scripts, Turbopack's bootstrap and the RSC data React hydrates from. */
const TAIL_RUNTIME = /^<script src="\/_next\/[^"]*"[^>]*><\/script>$|^<script(?: id="_R_")?>(?:\(self\.__next_f=self\.__next_f\|\|\[\]\)\.push\(|self\.__next_f\.push\(|\(globalThis\["TURBOPACK"\])/

/** The page without Next's scripts; throws when the HTML is not shaped as Next writes it. */
export function stripRuntime(html: string): string {
  const headEnd = html.indexOf(HEAD_END)
  if (headEnd < 0) throw new Error('no </head>')
  if (!html.endsWith(DOCUMENT_END)) throw new Error(`does not end with ${DOCUMENT_END}`)
  let tailStart = html.length - DOCUMENT_END.length
  while (html.startsWith(SCRIPT_END, tailStart - SCRIPT_END.length)) {
    const start = html.lastIndexOf('<script', tailStart - SCRIPT_END.length)
    const script = html.slice(start, tailStart)
    // Anything else here (React's boundary-completing scripts, say) would be needed without hydration.
    if (start < headEnd || !TAIL_RUNTIME.test(script)) throw new Error(`unexpected script at the end of <body>: ${script.slice(0, 80)}`)
    tailStart = start
  }
  const stripped = html.slice(0, headEnd).replace(HEAD_RUNTIME, '') + html.slice(headEnd, tailStart) + DOCUMENT_END
  if (stripped.includes('<script src="/_next/')) throw new Error('a script of Next is left outside <head> and the end of <body>')
  return stripped
}

/** Strips every prerendered page of the build in `dist`; throws naming the file it cannot strip. */
export function stripRuntimeFromPages(dist: string): { pages: number; before: number; after: number } {
  let pages = 0
  let before = 0
  let after = 0
  // Every one, Next's own 404 page too: none has the RSC data the runtime would need (scripts/patch-next.mjs).
  for (const route of prerenderedRoutes(dist, { all: true })) {
    if (!route.page) continue
    // Latin-1 maps bytes to characters one to one: what is removed is ASCII, and the
    // rest is written back byte for byte without decoding and encoding UTF-8.
    const html = fs.readFileSync(route.file, 'latin1')
    let stripped: string
    try {
      stripped = stripRuntime(html)
    } catch (e) {
      throw new Error(`${route.file}: cannot leave Next's client runtime off this page: ${(e as Error).message}`)
    }
    if (stripped !== html) fs.writeFileSync(route.file, stripped, 'latin1')
    pages++
    before += html.length
    after += stripped.length
  }
  return { pages, before, after }
}
