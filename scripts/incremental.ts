/**
 * Incremental production builds. Static generation is most of a build, and most
 * of a large site's pages did not change since the last build. A build records
 * the code fingerprint (scripts/fingerprint.mjs, also the build ID) and a digest
 * of the inputs of each article page and each page of a paginated list
 * (lib/content/page-digest.ts). The next build of the same code renders only the
 * pages whose digest changed or that are new, plus the taxonomy indexes, feeds
 * and sitemaps; the previous build's other pages — HTML and RSC data, which are
 * byte-identical for the same code and inputs — move into
 * the new output with their prerender-manifest entries.
 *
 * `next build` empties its dist dir except `cache/`, so the previous output waits
 * there while Next builds.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pageKey } from '../lib/known-pages'

export interface BuildRecord {
  fingerprint: string
  mode: Plan['mode']
  /** Article and list pages this build kept from the previous one. */
  kept: number
  /** Article path → digest of the page's inputs. */
  articles: Record<string, string>
  /** List page path → digest of the page's inputs. */
  lists: Record<string, string>
  /** The pages an incremental build rendered (the other article and list pages were kept). */
  rendered?: string[]
  /** Tag and category pages the sidebars link to (lib/content/page-digest.ts). */
  targets: string[]
}

export type Plan =
  | { mode: 'full'; reason: string }
  | { mode: 'incremental'; articles: Renders; lists: Renders }

/** Which pages of a kind to render, and how many to keep from the previous build. */
export interface Renders {
  render: string[]
  keep: number
}

interface Manifest {
  routes: Record<string, unknown>
  [other: string]: unknown
}

/** What a prerendered page is made of in server/app: HTML, its RSC payload and metadata (no prefetch segments: scripts/patch-next.mjs). */
const PAGE_FILES = ['.html', '.rsc', '.meta']

const recordFile = (dist: string) => path.join(dist, 'kanbao', 'build-record.json')
const stashDir = (dist: string) => path.join(dist, 'cache', 'kanbao-previous')

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** A previous build's output: in the dist dir, or in the stash when the build after it failed. */
function previousOutput(dist: string): { dir: string; record: BuildRecord } | undefined {
  for (const dir of [dist, stashDir(dist)]) {
    const record = readJson<BuildRecord>(dir === dist ? recordFile(dist) : path.join(dir, 'build-record.json'))
    const complete = typeof record?.fingerprint === 'string' && typeof record.articles === 'object' && typeof record.lists === 'object' && Array.isArray(record.targets)
    if (complete && fs.existsSync(path.join(dir, 'prerender-manifest.json')) && fs.existsSync(path.join(dir, 'server', 'app'))) {
      return { dir, record: record! }
    }
  }
  return undefined
}

export function readPreviousRecord(dist: string): BuildRecord | undefined {
  return previousOutput(dist)?.record
}

export function planBuild(
  previous: BuildRecord | undefined,
  current: { fingerprint: string; articles: ReadonlyMap<string, string>; lists: ReadonlyMap<string, string>; targets: readonly string[] },
  force = false,
): Plan {
  const { fingerprint, articles, lists } = current
  if (force) return { mode: 'full', reason: 'KANBAO_FULL_BUILD is set' }
  if (!previous) return { mode: 'full', reason: 'no previous build to start from' }
  if (previous.fingerprint !== fingerprint) return { mode: 'full', reason: 'the code, settings or year changed since the previous build' }
  // A kept page's sidebar may link to any article or term page of the previous build.
  const targets = new Set(current.targets)
  const gone = Object.keys(previous.articles).filter((p) => !articles.has(p)).concat(previous.targets.filter((p) => !targets.has(p)))
  if (gone.length > 0) return { mode: 'full', reason: `${gone.length} pages were removed since the previous build (${gone.slice(0, 3).join(', ')}), and kept pages may link to them` }
  // A list page that is gone is simply not kept: the pages that linked to it changed too.
  const changed = (digests: ReadonlyMap<string, string>, before: Record<string, string>): Renders => {
    const render = [...digests].filter(([p, digest]) => before[p] !== digest).map(([p]) => p)
    return { render, keep: digests.size - render.length }
  }
  return { mode: 'incremental', articles: changed(articles, previous.articles), lists: changed(lists, previous.lists) }
}

/** Every page an incremental build renders, articles and lists. */
export const pagesToRender = (plan: Extract<Plan, { mode: 'incremental' }>): string[] => [...plan.articles.render, ...plan.lists.render]

/**
 * Moves the previous build's pages and manifest where `next build` will not delete
 * them, and writes the render plan beside them; returns the plan's file.
 */
export function stashPrevious(dist: string, render: readonly string[]): string {
  const stash = stashDir(dist)
  const previous = previousOutput(dist)
  if (!previous) throw new Error(`incremental build: no previous output in ${dist}`)
  if (previous.dir === dist) {
    fs.rmSync(stash, { recursive: true, force: true })
    fs.mkdirSync(path.join(stash, 'server'), { recursive: true })
    fs.renameSync(path.join(dist, 'server', 'app'), path.join(stash, 'server', 'app'))
    fs.renameSync(path.join(dist, 'prerender-manifest.json'), path.join(stash, 'prerender-manifest.json'))
    fs.renameSync(recordFile(dist), path.join(stash, 'build-record.json'))
  }
  const planFile = path.join(stash, 'render.json')
  fs.writeFileSync(planFile, JSON.stringify(render))
  return planFile
}

/** Where discarded outputs wait for their deletion; `next build` leaves cache/ alone. */
export const DISCARDED_PREFIX = 'kanbao-discarded-'

/**
 * Deletes what is left of the previous build without making this one wait: at
 * 100k articles that is hundreds of thousands of files, minutes of unlinking. The
 * stash is renamed aside at once and deleted by a detached process, which also
 * finishes any deletion an earlier build did not (`waitForDiscards` waits for it).
 */
export function discardPrevious(dist: string): void {
  const cache = path.join(dist, 'cache')
  const stash = stashDir(dist)
  if (fs.existsSync(stash)) fs.renameSync(stash, path.join(cache, `${DISCARDED_PREFIX}${process.pid}-${Date.now()}`))
  const discarded = listDiscarded(dist)
  if (discarded.length === 0) return
  const script = 'const fs = require("node:fs"); for (const d of process.argv.slice(1)) try { fs.rmSync(d, { recursive: true, force: true }) } catch {}'
  spawn(process.execPath, ['-e', script, ...discarded], { detached: true, stdio: 'ignore' }).unref()
}

export function listDiscarded(dist: string): string[] {
  const cache = path.join(dist, 'cache')
  try {
    return fs.readdirSync(cache).filter((n) => n.startsWith(DISCARDED_PREFIX)).map((n) => path.join(cache, n))
  } catch {
    return []
  }
}

/** Resolves once every discarded output is deleted (for measurements and tests). */
export async function waitForDiscards(dist: string, timeoutMs = 30 * 60_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (listDiscarded(dist).length > 0) {
    if (Date.now() > until) throw new Error(`${listDiscarded(dist).join(', ')} still not deleted after ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * After `next build`: every article or list page the new build did not render is
 * moved over from the stash, with its manifest entry. Returns how many were kept;
 * throws, naming them, when the previous build does not have a page it should.
 */
export function carryOver(dist: string, pagePaths: Iterable<string>): number {
  const stash = stashDir(dist)
  const oldManifest = readJson<Manifest>(path.join(stash, 'prerender-manifest.json'))
  const manifestFile = path.join(dist, 'prerender-manifest.json')
  const manifest = readJson<Manifest>(manifestFile)
  if (!oldManifest || !manifest) throw new Error(`incremental build: no prerender manifest in ${stash} or ${dist}`)
  const missing: string[] = []
  let kept = 0
  for (const pagePath of pagePaths) {
    const key = pageKey(pagePath)!
    if (manifest.routes[key]) continue // Rendered by this build.
    if (!oldManifest.routes[key]) {
      missing.push(pagePath)
      continue
    }
    const from = path.join(stash, 'server', 'app', key)
    const to = path.join(dist, 'server', 'app', key)
    fs.mkdirSync(path.dirname(to), { recursive: true })
    for (const suffix of PAGE_FILES) {
      if (fs.existsSync(from + suffix)) fs.renameSync(from + suffix, to + suffix)
    }
    manifest.routes[key] = oldManifest.routes[key]
    kept++
  }
  if (missing.length > 0) {
    throw new Error(`incremental build: the previous build has no page for ${missing.length} unchanged pages (${missing.slice(0, 5).join(', ')}…): run a full build (KANBAO_FULL_BUILD=1)`)
  }
  fs.writeFileSync(manifestFile, JSON.stringify(manifest))
  discardPrevious(dist)
  return kept
}

export function writeRecord(dist: string, record: BuildRecord): void {
  fs.mkdirSync(path.dirname(recordFile(dist)), { recursive: true })
  fs.writeFileSync(recordFile(dist), JSON.stringify(record))
}
