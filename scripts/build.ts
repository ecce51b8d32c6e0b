/**
 * `npm run build`'s `next build` step: a full build, or an incremental one when the
 * dist dir holds a build of the same code (scripts/incremental.ts).
 * KANBAO_FULL_BUILD=1 forces a full build.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { codeFingerprint } from './fingerprint.mjs'
import { articlePageDigests, linkTargets } from '../lib/content/page-digest'
import { carryOver, discardPrevious, planBuild, readPreviousRecord, stashPrevious, writeRecord } from './incremental'

const dist = process.env.NEXT_DIST_DIR || '.next'
const started = Date.now()
const fingerprint = codeFingerprint()
const digests = articlePageDigests()
const targets = linkTargets()
const plan = planBuild(readPreviousRecord(dist), { fingerprint, digests, targets }, process.env.KANBAO_FULL_BUILD === '1')

const env: NodeJS.ProcessEnv = {
  ...process.env,
  KANBAO_BUILD_ID: fingerprint,
  // Fewer scavenges while thousands of pages are rendered.
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=64`.trim(),
}
if (plan.mode === 'incremental') {
  env.KANBAO_RENDER_ONLY = stashPrevious(dist, plan.render)
  console.log(`build: incremental — ${plan.render.length} of ${digests.size} articles changed; ${plan.keep} pages kept from the previous build`)
} else {
  discardPrevious(dist)
  console.log(`build: full — ${plan.reason}`)
}

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
const result = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env })
if (result.status !== 0) process.exit(result.status ?? 1)

let kept = 0
if (plan.mode === 'incremental') {
  try {
    kept = carryOver(dist, digests.keys())
  } catch (e) {
    console.error(`build: ${(e as Error).message}`)
    process.exit(1)
  }
}
writeRecord(dist, { fingerprint, mode: plan.mode, kept, articles: Object.fromEntries(digests), targets })
console.log(`build: ${plan.mode} build of ${digests.size} articles done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
