/**
 * `npm run build`'s `next build` step: a full build, or an incremental one when the
 * dist dir holds a build of the same code (scripts/incremental.ts).
 * KANBAO_FULL_BUILD=1 forces a full build.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { codeFingerprint } from './fingerprint.mjs'
import { copyKatexAssets } from './katex-assets.mjs'
import { OMIT_INLINED_FLIGHT } from './patch-next.mjs'
import { carryOver, pagesToRender, writeRecord } from './incremental'
import { stripRuntimeFromPages } from './strip-runtime'
import { siteConfig } from '../site.config'
import type { PlanFile } from './build-plan'

const dist = process.env.NEXT_DIST_DIR || '.next'
const started = Date.now()
const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`
copyKatexAssets() // Before the fingerprint, which covers public/.
const fingerprint = codeFingerprint()
const require = createRequire(import.meta.url)

/** A step in this process: its error ends the build with the message alone (it names the file). */
function orExit<T>(step: () => T): T {
  try {
    return step()
  } catch (e) {
    console.error(`build: ${(e as Error).message}`)
    process.exit(1)
  }
}

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

fs.mkdirSync(path.join(dist, 'cache'), { recursive: true })
const planFile = path.join(dist, 'cache', 'kanbao-plan.json')
run(['--import', 'tsx', 'scripts/build-plan.ts', planFile, fingerprint])
const { plan, renderOnly, articles, lists, targets } = JSON.parse(fs.readFileSync(planFile, 'utf8')) as PlanFile
console.log(
  plan.mode === 'incremental'
    ? `build: incremental — ${plan.articles.render.length} article and ${plan.lists.render.length} list pages to render; ` +
      `${plan.articles.keep} article and ${plan.lists.keep} list pages kept from the previous build`
    : `build: full — ${plan.reason}`,
  `(planned in ${since(started)})`,
)
run(['--import', 'tsx', 'scripts/render-bodies.ts', planFile])
const nextStarted = Date.now()

run([require.resolve('next/dist/bin/next'), 'build'], {
  ...process.env,
  KANBAO_BUILD_ID: fingerprint,
  ...(renderOnly ? { KANBAO_RENDER_ONLY: renderOnly } : {}),
  // The pages' RSC payload is not copied into their HTML, from which the strip below would remove it.
  ...(siteConfig.clientRouter ? {} : { [OMIT_INLINED_FLIGHT]: '1' }),
  // Fewer scavenges while thousands of pages are rendered.
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=64`.trim(),
})

console.log(`build: next build took ${since(nextStarted)}`)
if (!siteConfig.clientRouter) {
  // Before the carry-over: the pages kept from the previous build (same code, same setting) were stripped then.
  const stripping = Date.now()
  const { pages, before, after } = orExit(() => stripRuntimeFromPages(dist))
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`
  console.log(`build: Next's client runtime left off ${pages} pages (HTML ${mb(before)} → ${mb(after)}) in ${since(stripping)}`)
}
let kept = 0
if (plan.mode === 'incremental') {
  const carrying = Date.now()
  kept = orExit(() => carryOver(dist, [...Object.keys(articles), ...Object.keys(lists)]))
  console.log(`build: ${kept} pages moved over from the previous build in ${since(carrying)}`)
}
writeRecord(dist, { fingerprint, mode: plan.mode, kept, articles, lists, targets, ...(plan.mode === 'incremental' ? { rendered: pagesToRender(plan) } : {}) })
fs.rmSync(planFile, { force: true })
console.log(`build: ${plan.mode} build of ${Object.keys(articles).length} articles done in ${since(started)}`)
