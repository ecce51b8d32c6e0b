/**
 * `npm run build`'s step between the plan and `next build`: renders the bodies of the
 * articles whose pages this build makes into the body cache (lib/content/body-cache.ts),
 * one plain Node process per core. `next build` then reads them instead of rendering:
 * the same body rendered inside Next's build workers cost 1.5 to 2 times the CPU
 * (BENCHMARKS.md), and at 30k articles bodies were a third of static generation.
 * Bodies already in the cache are read, not rendered again.
 *
 *   tsx scripts/render-bodies.ts <plan file>               (scripts/build.ts)
 *   tsx scripts/render-bodies.ts --worker <k> <n> <file>   (one of n workers)
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import { rendererVersion } from './fingerprint.mjs'
import type { PlanFile } from './build-plan'

const args = process.argv.slice(2)
if (args[0] === '--worker') await worker(Number(args[1]), Number(args[2]), args[3])
else await main(args[0])

async function main(planFile: string) {
  const started = Date.now()
  const { bodies } = JSON.parse(fs.readFileSync(planFile, 'utf8')) as PlanFile
  const workers = Math.min(os.availableParallelism(), bodies.length)
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', KANBAO_RENDERER: rendererVersion() }
  const codes = await Promise.all(
    Array.from({ length: workers }, (_, k) => {
      const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', import.meta.filename, '--worker', String(k), String(workers), planFile], {
        env,
        stdio: 'inherit',
      })
      return new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)))
    }),
  )
  if (codes.some((c) => c !== 0)) process.exit(1)
  console.log(`bodies: ${bodies.length} article bodies rendered or found in the cache by ${workers} workers in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

async function worker(k: number, n: number, planFile: string) {
  // Only the workers load the renderer and the content module.
  const { getArticleBody } = await import('../lib/content')
  const { bodies } = JSON.parse(fs.readFileSync(planFile, 'utf8')) as PlanFile
  for (let i = k; i < bodies.length; i += n) {
    try {
      await getArticleBody(bodies[i])
    } catch (e) {
      console.error(`bodies: ${bodies[i].file}: ${(e as Error).message}`)
      process.exit(1)
    }
  }
}
