/**
 * First step of scripts/build.ts, in its own process so that the site index it loads
 * is gone before `next build` starts: digests every article page, decides between a
 * full and an incremental build, moves the previous output aside for the latter, and
 * writes all of it to the file named on the command line.
 */
import fs from 'node:fs'
import { getArticles, type Article } from '../lib/content'
import { articlePageDigests, linkTargets, listPageDigests } from '../lib/content/page-digest'
import { siteConfig } from '../site.config'
import { discardPrevious, pagesToRender, planBuild, readPreviousRecord, stashPrevious, type Plan } from './incremental'

export interface PlanFile {
  plan: Plan
  /** The file `next build` reads the pages to render from (lib/content/build-plan.ts). */
  renderOnly?: string
  articles: Record<string, string>
  lists: Record<string, string>
  targets: string[]
  /** The articles whose pages this build renders: their bodies are rendered first (scripts/render-bodies.ts). */
  bodies: Pick<Article, 'file' | 'mathjax'>[]
}

const [out, fingerprint] = process.argv.slice(2)
const dist = process.env.NEXT_DIST_DIR || '.next'
const articles = articlePageDigests()
const lists = listPageDigests()
const targets = linkTargets()
const plan = planBuild(readPreviousRecord(dist), { fingerprint, articles, lists, targets }, process.env.KANBAO_FULL_BUILD === '1')
let renderOnly: string | undefined
if (plan.mode === 'incremental') renderOnly = stashPrevious(dist, pagesToRender(plan))
else discardPrevious(dist)
const rendered = plan.mode === 'incremental' ? new Set(plan.articles.render) : undefined
const bodies = siteConfig.locales
  .flatMap((locale) => getArticles(locale))
  .filter((a) => !rendered || rendered.has(a.path))
  .map(({ file, mathjax }) => ({ file, mathjax }))
const file: PlanFile = { plan, renderOnly, articles: Object.fromEntries(articles), lists: Object.fromEntries(lists), targets, bodies }
fs.writeFileSync(out, JSON.stringify(file))
