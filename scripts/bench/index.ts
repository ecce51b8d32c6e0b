/**
 * `npm run bench`: how Kanbao behaves at news-site scale on this machine.
 * Synthesizes N articles from the real corpus, then measures check, content
 * build, full build, first-load JS, serving, a mixed load, search and the dev
 * loop, and prints one table (also written to BENCHMARKS.md).
 *
 *   npm run bench -- [--articles 5000|30000|100000] [--skip build,serve,...]
 *                    [--keep] [--load-seconds 60] [--seed 20250214]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { listMarkdownFiles } from '../../lib/content/files'
import { addNewArticles, removeNewArticles, synthesize } from './synthesize'
import { cleanUpNow, killAll, measure, sleep, staticGeneration, start, waitForUrl, type Measured } from './measure'
import { firstLoadJs, hammer, hammerNewSearches, load, pickTargets, serverRss, type Targets } from './serve'
import { nginxReference } from './nginx'
import { makeQueries, searchLatency, type Query } from './search'
import { devLoop } from './dev'
import { waitForDiscards } from '../incremental'
import { int, mem, ms, sec } from './format'
import { cpuProbe, type Probe } from './probe'

const STAGES = ['synthesize', 'check', 'content', 'build', 'incremental', 'rebuild', 'js', 'serve', 'load', 'search', 'dev'] as const
type Stage = (typeof STAGES)[number]
const SIZES = [5000, 30000, 100000]
const USAGE = `usage: npm run bench -- [--articles ${SIZES.join('|')}] [--skip ${STAGES.join(',')}] [--keep] [--load-seconds 60] [--seed N]
  --articles      size of the synthesized data set (default 5000)
  --skip          stages to leave out: synthesize (reuse the kept data set), check, content, build (reuse the
                  kept build), incremental (100 new articles,
                  built again), rebuild (every page again, caches kept), js (first-load JS), serve (one route at a time), load (mixed load), search, dev
  --keep          keep the data set and the bench's build output (needed to re-run with --skip synthesize,build)
                  A run that skips any stage but synthesize writes its table to logs-N/BENCHMARKS.partial.md, not BENCHMARKS.md.
  --load-seconds  duration of the mixed load (default 60)
  Data sets and logs go to BENCH_DATA_DIR (default ../bench-data); the corpus is read from BENCH_CORPUS
  (default ../shared/corpus/content); the server uses BENCH_PORT (default 3500) and the dev server the next port.`

function parseArgs(argv: string[]) {
  const opts = { articles: 5000, skip: new Set<Stage>(), keep: false, loadSeconds: 60, seed: 20250214 }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2)
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`)
    if (flag === '--articles') {
      opts.articles = Number(value())
      if (!SIZES.includes(opts.articles)) fail(`--articles must be one of ${SIZES.join(', ')}`)
    } else if (flag === '--skip') {
      for (const s of value().split(',').filter(Boolean)) {
        if (!STAGES.includes(s as Stage)) fail(`--skip: unknown stage "${s}" (stages: ${STAGES.join(', ')})`)
        opts.skip.add(s as Stage)
      }
    } else if (flag === '--keep') opts.keep = true
    else if (flag === '--load-seconds') {
      opts.loadSeconds = Number(value())
      if (!(opts.loadSeconds >= 1 && opts.loadSeconds <= 3600)) fail('--load-seconds must be 1..3600')
    } else if (flag === '--seed') opts.seed = Number(value()) >>> 0
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE)
      process.exit(0)
    } else fail(`unknown argument ${argv[i]}`)
  }
  return opts
}

function fail(message: string): never {
  console.error(`bench: ${message}\n${USAGE}`)
  process.exit(2)
}

// ---- formatting -------------------------------------------------------------

const cost = (m: Measured) => `${sec(m.wallSeconds)} wall · ${sec(m.cpuSeconds)} CPU · ${mem(m.peakRssBytes)} peak tree RSS`
/** Who held the peak: "peak at 5 min 2 s: processChild.js 1.41 GiB + …". */
const peakHolders = (m: Measured) =>
  `peak at ${sec(m.peak.atSeconds)}: ${m.peak.processes.map((p) => `${p.name} ${mem(p.rssBytes)}`).join(' + ') || '—'}`

interface Row {
  stage: string
  measure: string
  result: string
}

function machine(): string {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown'
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0)
  return `${os.availableParallelism()} CPUs (nproc) · ${cpu} · ${(memKb / 2 ** 20).toFixed(1)} GiB RAM · Node ${process.version} · ${os.type()} ${os.release()}`
}

const probeText = (p: Probe) => `${p.bodies} corpus bodies (${(p.chars / 1e6).toFixed(2)} M chars) rendered by lib/markdown on one thread in ${sec(p.seconds)}`

const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ')

function table(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|')
  return ['| Stage | Measure | Result |', '|---|---|---|', ...rows.map((r) => `| ${esc(r.stage)} | ${esc(r.measure)} | ${esc(r.result)} |`)].join('\n')
}

const HUGO = {
  stage: 'Hugo reference',
  measure: 'Hugo 0.111 + Mainroad, real site (30,197 articles), from the issue',
  result: '13 min 54 s / 5.0 GB as configured · 2 min 18 s / 4.2 GB with widget caching',
}

/** BENCHMARKS.md keeps one section per data-set size; a run replaces only its own. */
function writeReport(file: string, articles: number, section: string): void {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  const sections = new Map<number, string>()
  for (const m of old.matchAll(/<!-- bench:(\d+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) sections.set(Number(m[1]), m[2])
  sections.set(articles, section)
  const body = [...sections.entries()].sort(([a], [b]) => a - b).map(([n, s]) => `<!-- bench:${n} -->\n${s}<!-- /bench:${n} -->`)
  // Hand-written sections (the content-layer comparison) between <!-- kept --> markers survive a run.
  for (const m of old.matchAll(/<!-- kept -->\n[\s\S]*?<!-- \/kept -->/g)) body.push(m[0])
  fs.writeFileSync(
    file,
    `# Benchmarks

Written by \`npm run bench\` (scripts/bench/); each run replaces the section of its size.

\`\`\`sh
npm run bench -- --articles 5000     # or 30000, 100000; --skip dev,load; --keep; --load-seconds 60
\`\`\`

How it measures:

- **Data set**: N articles synthesized from the 5,288 real corpus files (\`../shared/corpus/content\`),
  cycled in a seeded shuffle so the mix of locales, sources, tags, sizes and quirks stays real; each copy
  gets a new file name (\`<original id>-b<n>.<lang>.md\`) and a \`date\` spread uniformly over the year before
  the newest corpus date, and a non-empty body starts with an HTML comment naming the copy (\`<!-- bench copy b123 -->\`,
  which the renderer drops): rendered bodies are cached by their Markdown, and on a real site no two articles share a
  body, so neither do the copies. Every other byte is the original's. Written outside the repo and deleted afterwards unless \`--keep\`.
- **CPU probe**: the same 200 corpus bodies rendered by lib/markdown on one thread (best of 5 rounds), at the start and at
  the end of the run: how fast the machine was that day. Machines of this kind have differed by nearly 2× from one day
  to the next; compare runs by their probes, not by the clock alone. Since 70c58b6 lib/markdown parses with markdown-it,
  and a probe from before it reads about twice one after it on the same machine.
- **Wall / CPU / peak tree RSS**: CPU is user+sys of the command and all its descendants: the larger of bash's
  \`times\` (exact for reaped descendants, but Next leaves its build workers unreaped) and the sum of /proc's
  per-process times sampled every 200 ms. Peak RSS is the largest sum of the RSS of the process and all its
  descendants in those samples (shared pages count once per process, so it overstates what the tree really holds).
- **Cold builds**: the bench's dist dir and the content build's folder (\`CONTENTLAYER_DIR\`, its documents and state, and the check's results) are removed before the check,
  content build and before the full build. The full build is \`npm run build\`: check, content build, build plan, body rendering (scripts/render-bodies.ts), \`next build\`,
  search index, verification.
- **Incremental build**: right after the full build, 100 copies of data-set files under new ids, dated after
  everything (the next day's news), then \`npm run build\` again into the same dist dir (README: "Incremental rebuilds").
  Their files are removed before the next full build, so every other stage sees exactly N articles or N + 100.
- **Full rebuild, caches kept**: right after the incremental build, \`KANBAO_FULL_BUILD=1 npm run build\` into the same dist dir:
  every page and search index made again, with the content build's documents and the rendered bodies (\`.next/cache\`) kept,
  as in the README's nightly build, or a deploy of code that leaves the content model and the Markdown renderer alone.
- **Warm content builds**: right after the cold one, with its cache kept: first with every file's time changed
  (what a fresh clone looks like), then after appending a line to 100 articles.
- **Server start / first search after start**: seconds from spawning \`npm start\` until / answers, then one search
  per locale, which waits for that locale's index to be loaded; the later stages see a warm server.
- **First-load JS**: every \`<script src>\` under /_next/static in the page's HTML, each gzipped (zlib level 9), summed; \`nomodule\` scripts apart;
  then the page's inline scripts (not JSON-LD) gzipped together: the site's islands, and Next's RSC data on pages that keep its runtime.
- **Serving / load**: \`npm start\` on 127.0.0.1 (loopback), requests with a browser's \`Accept-Encoding\` (gzip, br), autocannon in the bench's own process (it shares the CPUs with the
  server: on a 2-core machine the numbers are a floor). Server RSS is the server's process tree (scripts/start.mjs) without the npm wrapper.
  \`npm start\` keeps a search page once rendered, so "Serve search" (one URL) measures that; "Serve new searches" makes
  every URL new (the 200 queries in turn, with a counter the page ignores), which Next renders each time.
  "Serve article, nginx" is the issue's yardstick measured on the same machine: nginx serving the article's HTML
  (as \`npm start\` sent it) from a file beside its gzip copy (\`gzip_static\`, sendfile, a worker per core), then
  \`npm start\` serving it, both by the same client: wrk when installed, since autocannon (one Node process) tops out
  below nginx here; skipped when nginx is not installed.
- **Search**: \`search()\` from lib/search called in-process on the built indexes (no HTTP, no rendering); queries are
  words, two-word phrases, Chinese words and bigrams taken from the synthesized titles of all three locales.
- **Dev loop**: \`npm run dev\` on the data set, cold (no generated documents, no compiled pages); seconds from saving a file until the article's HTML shows it (the page is fetched every 200 ms), and in brackets how long \`npm run dev\`'s content build of each save took (the rest is Next's reload and the polling).

${body.join('\n\n')}
`,
  )
}

// ---- the run -----------------------------------------------------------------

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2))
  const began = performance.now()
  const startedAt = new Date()
  const root = process.cwd()
  if (!fs.existsSync(path.join(root, 'scripts/bench/index.ts'))) fail('run it from the project folder (npm run bench)')
  const N = opts.articles
  const dataRoot = path.resolve(process.env.BENCH_DATA_DIR || path.join(root, '..', 'bench-data'))
  const corpus = path.resolve(process.env.BENCH_CORPUS || path.join(root, '..', 'shared', 'corpus', 'content'))
  const dataset = path.join(dataRoot, `content-${N}`)
  const logs = path.join(dataRoot, `logs-${N}`)
  const port = Number(process.env.BENCH_PORT || 3500)
  const env = {
    CONTENT_DIR: dataset,
    NEXT_DIST_DIR: `.next-bench-${N}`,
    CONTENTLAYER_DIR: `.contentlayer-bench-${N}`,
    NEXT_TELEMETRY_DISABLED: '1',
  }
  // lib/content and lib/search, imported below for URLs and search, read these.
  Object.assign(process.env, env)
  fs.mkdirSync(logs, { recursive: true })

  const rows: Row[] = []
  let failures = 0
  let fullBuild: Measured | undefined
  const skipped = (stage: Stage, label: string) => rows.push({ stage: label, measure: '—', result: `skipped (--skip ${stage})` })
  const failed = (label: string, e: unknown) => {
    failures++
    const message = (e as Error).message ?? String(e)
    console.error(`bench: ${label} failed: ${message}`)
    rows.push({ stage: label, measure: '—', result: `FAILED: ${message.split('\n')[0].slice(0, 300)}` })
  }
  const step = async (stage: Stage, label: string, fn: () => Promise<void>) => {
    if (opts.skip.has(stage)) return skipped(stage, label)
    console.log(`\nbench: ${label} …`)
    try {
      await fn()
    } catch (e) {
      failed(label, e)
    }
  }
  const run = async (name: string, cmd: string[], timeoutSeconds: number) => {
    const m = await measure(cmd, { env, logFile: path.join(logs, `${name}.log`), timeoutSeconds })
    if (!m.ok) throw new Error(`\`${cmd.join(' ')}\` exited ${m.code}; last lines:\n${m.output.trim().split('\n').slice(-15).join('\n')}\n(log: ${path.join(logs, `${name}.log`)})`)
    return m
  }

  console.log(`bench: ${N} articles · ${machine()} · load average ${loadavg()}`)
  const probeStart = await cpuProbe(corpus)
  console.log(`bench: CPU probe ${probeText(probeStart)}`)

  await step('synthesize', 'Synthesize', async () => {
    const s = synthesize({ corpus, out: dataset, articles: N, seed: opts.seed })
    const mix = Object.entries(s.byLocale).sort(([a], [b]) => a.localeCompare(b)).map(([l, n]) => `${l} ${int(n)}`).join(' / ')
    rows.push({ stage: 'Synthesize', measure: `${int(N)} articles (${mix}), ${(s.bytes / 1e6).toFixed(1)} MB, dated ${s.from} … ${s.to}`, result: sec(s.seconds) })
  })
  if (!fs.existsSync(dataset)) throw new Error(`no data set at ${dataset}: run without --skip synthesize`)

  // The content build keeps its documents and what it made of each file in CONTENTLAYER_DIR
  // (scripts/content-build.ts), and the check what it found in each file: removing the
  // folder makes the next check and build cold.
  const contentCache = env.CONTENTLAYER_DIR
  await step('check', 'Content check', async () => {
    fs.rmSync(contentCache, { recursive: true, force: true })
    const m = await run('check', ['npm', 'run', 'check'], 300 + N * 0.02)
    rows.push({ stage: 'Content check', measure: '`npm run check` (cold: nothing checked before)', result: cost(m) })
  })

  await step('content', 'Content build', async () => {
    fs.rmSync(contentCache, { recursive: true, force: true })
    const m = await run('content', ['npm', 'run', 'content'], 600 + N * 0.1)
    rows.push({ stage: 'Content build', measure: '`npm run content` (contentlayer2, cold cache)', result: cost(m) })
    // A fresh clone (CI, a deploy) has the kept cache but new file times: every file touched.
    const now = new Date()
    for (const file of listMarkdownFiles(dataset)) fs.utimesSync(path.join(dataset, file), now, now)
    const warm = await run('content-warm', ['npm', 'run', 'content'], 600 + N * 0.1)
    rows.push({ stage: 'Content build, warm', measure: 'the same, cache kept, every file touched (as after a fresh clone)', result: `${cost(warm)} · ${((warm.wallSeconds / m.wallSeconds) * 100).toFixed(0)} % of cold` })
    // 100 articles edited: their bodies change, so their documents must be rebuilt.
    const edited = listMarkdownFiles(dataset).filter((_, i) => i % Math.max(1, Math.floor(N / 100)) === 0).slice(0, 100)
    for (const file of edited) fs.appendFileSync(path.join(dataset, file), '\n\nEdited for the benchmark.\n')
    const hundred = await run('content-100', ['npm', 'run', 'content'], 600 + N * 0.1)
    rows.push({ stage: 'Content build, 100 edited', measure: `the same after editing ${edited.length} articles`, result: `${cost(hundred)} · ${((hundred.wallSeconds / m.wallSeconds) * 100).toFixed(0)} % of cold` })
  })

  await step('build', 'Full build', async () => {
    removeNewArticles(dataset)
    fs.rmSync(contentCache, { recursive: true, force: true })
    fs.rmSync(env.NEXT_DIST_DIR, { recursive: true, force: true })
    const m = await run('build', ['npm', 'run', 'build'], 900 + N * 0.15)
    rows.push({ stage: 'Full build', measure: `\`npm run build\` (check + content + plan + bodies + next build + search + verify), cold; ${peakHolders(m)}`, result: cost(m) })
    const gen = staticGeneration(m.output)
    rows.push({
      stage: 'Static generation',
      measure: gen ? `${int(gen.pages)} pages with ${gen.workers} workers` : 'next build output',
      result: gen ? `${sec(gen.seconds)} → ${(gen.pages / gen.seconds).toFixed(1)} pages/s` : 'no "Generating static pages … in …" line found',
    })
    // scripts/render-bodies.ts and scripts/build-search.ts print their own times; each is a large share of the build.
    const bodies = /bodies: (\d+) article bodies rendered or found in the cache by (\d+) workers in ([\d.]+) s/.exec(m.output)
    if (bodies) rows.push({ stage: 'Body rendering', measure: `part of the full build, before \`next build\`: ${int(Number(bodies[1]))} Markdown bodies, ${bodies[2]} processes`, result: sec(Number(bodies[3])) })
    const search = /search: indexed (.+?) articles \(([\d.]+) s\)/.exec(m.output)
    if (search) rows.push({ stage: 'Search index build', measure: `part of the full build: ${search[1]}`, result: sec(Number(search[2])) })
    fullBuild = m
  })

  // The next day's news on top of the full build: what a deploy of new articles costs.
  await step('incremental', 'Incremental build', async () => {
    if (!fullBuild) return void rows.push({ stage: 'Incremental build', measure: '—', result: 'not run: it builds on the full build stage' })
    const added = addNewArticles({ dataset, count: 100, seed: opts.seed })
    const m = await run('build-incremental', ['npm', 'run', 'build'], 900 + N * 0.15)
    const plan = /build: incremental — (\d+) article and (\d+) list pages to render; (\d+) article and (\d+) list pages kept/.exec(m.output)
    if (!plan) throw new Error(`the build after adding ${added.length} articles was not incremental (log: ${path.join(logs, 'build-incremental.log')})`)
    const gen = staticGeneration(m.output)
    // The build leaves the previous output's leftovers to a background deletion; the
    // stages after this one measure the machine without it.
    const deleting = Date.now()
    await waitForDiscards(env.NEXT_DIST_DIR)
    const deleted = (Date.now() - deleting) / 1000
    rows.push({
      stage: 'Incremental build',
      measure: `\`npm run build\` again after adding ${added.length} new articles: ${int(Number(plan[1]))} article pages rendered ` +
        `(new ones and those whose neighbours or related lists changed), ${int(Number(plan[3]))} kept; ` +
        `${int(Number(plan[2]))} list pages rendered (the lists the new articles joined), ${int(Number(plan[4]))} kept` +
        (gen ? `; ${int(gen.pages)} pages generated in ${sec(gen.seconds)}` : '') +
        `; the previous output's leftovers were deleted in the background, ${sec(deleted)} after the build ended; ${peakHolders(m)}`,
      result: `${cost(m)} · ${((m.wallSeconds / fullBuild.wallSeconds) * 100).toFixed(0)} % of the full build`,
    })
    const search = /search: indexed (.+?) articles \(([\d.]+) s\)/.exec(m.output)
    if (search) rows.push({ stage: 'Search index, incremental', measure: `part of the incremental build: ${search[1]}`, result: sec(Number(search[2])) })
  })

  // The nightly full build, and what a deploy of new page code costs: every page
  // rendered again, the documents and rendered bodies taken from the caches.
  await step('rebuild', 'Full rebuild, caches kept', async () => {
    if (!fullBuild) return void rows.push({ stage: 'Full rebuild, caches kept', measure: '—', result: 'not run: it builds on the full build stage' })
    const m = await run('build-rebuild', ['env', 'KANBAO_FULL_BUILD=1', 'npm', 'run', 'build'], 900 + N * 0.15)
    if (!/build: full — KANBAO_FULL_BUILD is set/.test(m.output)) throw new Error(`the forced build was not a full one (log: ${path.join(logs, 'build-rebuild.log')})`)
    const content = /content: .*\((\d+) built now\)/.exec(m.output)
    const gen = staticGeneration(m.output)
    await waitForDiscards(env.NEXT_DIST_DIR)
    rows.push({
      stage: 'Full rebuild, caches kept',
      measure: '`KANBAO_FULL_BUILD=1 npm run build` right after: every page rendered again, as by the nightly build or a deploy of ' +
        'page code (not the content model or the Markdown renderer)' + (content ? `; ${int(Number(content[1]))} documents built by contentlayer` : '') +
        (gen ? `; ${int(gen.pages)} pages generated in ${sec(gen.seconds)} → ${(gen.pages / gen.seconds).toFixed(1)} pages/s` : '') + `; ${peakHolders(m)}`,
      result: `${cost(m)} · ${((m.wallSeconds / fullBuild.wallSeconds) * 100).toFixed(0)} % of the full build`,
    })
  })

  let queries: Query[] = []
  let targets: Targets | undefined
  const needsContent = ['js', 'serve', 'load', 'search'].some((s) => !opts.skip.has(s as Stage))
  if (needsContent) {
    try {
      queries = await makeQueries(200, opts.seed)
      targets = await pickTargets(opts.seed, queries)
    } catch (e) {
      failed('Pick URLs and queries (needs the content build)', e)
    }
  }

  const serving = ['js', 'serve', 'load'].filter((s) => !opts.skip.has(s as Stage))
  if (serving.length > 0 && targets) {
    const t = targets
    // Loopback only: the bench never exposes a server.
    const base = `http://127.0.0.1:${port}`
    const spawned = performance.now()
    const server = start('npm', ['start', '--', '-p', String(port), '-H', '127.0.0.1'], { env, logFile: path.join(logs, 'server.log') })
    try {
      const alive = () => server.child.exitCode === null && server.child.signalCode === null
      if (!(await waitForUrl(`${base}/`, 120, (s) => s === 200, alive))) {
        throw new Error(`npm start did not answer on ${base}/ within 120 s; last output:\n${server.output().trim().split('\n').slice(-10).join('\n')}`)
      }
      rows.push({ stage: 'Server start', measure: '`npm start` until / answers 200', result: sec((performance.now() - spawned) / 1000) })
      await step('search', 'First search after start', async () => {
        // Each locale's index must be loaded (by the server's warm-up or a first search) before
        // a search can answer, and the load blocks the server: timed here, so that the load
        // below measures a warm server.
        const parts: string[] = []
        for (const locale of ['en', 'zh-CN', 'zh-HK'] as const) {
          const q = queries.find((x) => x.locale === locale)
          if (!q) continue
          const t0 = performance.now()
          const res = await fetch(`${base}${locale === 'en' ? '' : `/${locale.toLowerCase()}`}/search/?q=${encodeURIComponent(q.q)}`, { signal: AbortSignal.timeout(300_000) })
          await res.arrayBuffer()
          parts.push(`${locale} ${sec((performance.now() - t0) / 1000)}${res.ok ? '' : ` (HTTP ${res.status})`}`)
        }
        rows.push({ stage: 'First search after start', measure: 'one search page per locale, over HTTP, right after / first answered', result: parts.join(' · ') })
      })
      await step('js', 'First-load JS', async () => {
        const parts: string[] = []
        let nomodule = 0
        for (const [name, url] of [['home', t.home], ['article', t.article], ['tag', t.tag], ['search', t.search]] as const) {
          const js = await firstLoadJs(base, url)
          parts.push(`${name} ${(js.bytes / 1024).toFixed(1)} KB (${js.scripts}) + ${(js.inlineBytes / 1024).toFixed(1)} KB inline`)
          nomodule = Math.max(nomodule, js.nomoduleBytes)
        }
        rows.push({
          stage: 'First-load JS',
          measure: 'gzip -9, KB of script files (how many) + inline scripts, per route; module scripts only',
          result: `${parts.join(' · ')} · pages with Next's runtime also list ${(nomodule / 1024).toFixed(1)} KB of \`nomodule\` polyfills that module browsers skip`,
        })
      })
      await step('serve', 'Serving', async () => {
        for (const [name, url] of [['article', t.article], ['home', t.home], ['tag', t.tag], ['search', t.search]] as const) {
          const r = await hammer(base, url, 10, 50)
          rows.push({
            stage: `Serve ${name}`,
            measure: `\`${decodeURI(url)}\`, 50 conn, 10 s`,
            result: `${int(r.reqPerSec)} req/s · p50 ${ms(r.p50)} · p99 ${ms(r.p99)} · non-2xx ${int(r.non2xx)}${r.errors ? ` · errors ${int(r.errors)}` : ''}`,
          })
        }
        const html = Buffer.from(await (await fetch(base + t.article, { signal: AbortSignal.timeout(60_000) })).arrayBuffer())
        const ref = await nginxReference(html, base, t.article, port + 1, path.join(logs, 'nginx.log'), 10, 50)
        const rate = (r: { reqPerSec: number; p50: number; p99: number }) => `${int(r.reqPerSec)} req/s · p50 ${ms(r.p50)} · p99 ${ms(r.p99)}`
        rows.push(
          ref
            ? {
                stage: 'Serve article, nginx',
                measure: `the same HTML (${(ref.bytes / 1024).toFixed(1)} KB) from ${ref.version} (gzip_static, ${ref.workers} workers), then from \`npm start\`, both by ${ref.client}, 50 conn, 10 s`,
                result: `nginx ${rate(ref.nginx)} · \`npm start\` ${rate(ref.kanbao)} = ${((100 * ref.kanbao.reqPerSec) / ref.nginx.reqPerSec).toFixed(0)} % of nginx`,
              }
            : { stage: 'Serve article, nginx', measure: 'nginx is not installed (apt-get install nginx)', result: 'not run' },
        )
        // The row above asks one URL again and again, which the server answers from memory after the first time.
        const r = await hammerNewSearches(base, t.searches, 10, 50)
        rows.push({
          stage: 'Serve new searches',
          measure: `${t.searches.length} real queries, every URL new to the server, 50 conn, 10 s`,
          result: `${int(r.reqPerSec)} req/s · p50 ${ms(r.p50)} · p99 ${ms(r.p99)} · non-2xx ${int(r.non2xx)}${r.errors ? ` · errors ${int(r.errors)}` : ''}`,
        })
      })
      await step('load', 'Load', async () => {
        await sleep(5000)
        const before = serverRss(server.child.pid!)
        const r = await load(base, t.mix, opts.loadSeconds, 50)
        // Let in-flight work and the first GC settle before reading RSS again.
        await sleep(10_000)
        const after = serverRss(server.child.pid!)
        const kinds = Object.entries(r.byKind).map(([k, n]) => `${k} ${int(n)}`).join(', ')
        const unexpected = Object.values(r.unexpected).reduce((a, b) => a + b, 0)
        rows.push({
          stage: 'Load',
          measure: `${t.mix.length} URLs of every locale (${kinds}), 50 conn, ${opts.loadSeconds} s`,
          result:
            `${int(r.requests)} requests (${int(r.reqPerSec)} req/s) · errors ${int(r.errors)}` +
            `${r.errors ? ` (${Object.entries(r.errorKinds).map(([k, n]) => `${k} ${n}`).join(', ')}; timeout 20 s)` : ''} · ` +
            `non-2xx besides the ${int(r.expected404)} expected 404s: ${int(unexpected)}` +
            `${unexpected ? ` (${Object.entries(r.unexpected).map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''} · ` +
            `p99 ${ms(r.p99)} · server RSS ${mem(before)} → ${mem(after)} (${after >= before ? '+' : ''}${(((after - before) / before) * 100).toFixed(1)} %)`,
        })
      })
    } catch (e) {
      failed('Serving', e)
    } finally {
      await server.stop()
    }
  } else if (serving.length > 0) {
    rows.push({ stage: 'First-load JS / serving / load', measure: '—', result: 'not run: no content build to pick URLs from' })
  }

  await step('search', 'Search', async () => {
    if (queries.length === 0) throw new Error('no queries: needs the content build')
    const r = await searchLatency(queries)
    rows.push({
      stage: 'Search',
      measure: `${r.queries} title queries (en, zh-CN, zh-HK), lib/search in-process`,
      result: `p50 ${ms(r.p50)} · p99 ${ms(r.p99)} · max ${ms(r.max)} · ${r.withHits}/${r.queries} with hits · loading the 3 indexes in-process ${sec(r.loadMs / 1000)}`,
    })
  })

  await step('dev', 'Dev loop', async () => {
    const d = await devLoop({
      contentDir: dataset,
      port: port + 1,
      distDir: `.next-bench-dev-${N}`,
      logFile: path.join(logs, 'dev.log'),
      readyLimit: 600 + N * 0.05,
    })
    rows.push({
      stage: 'Dev loop',
      measure: '`npm run dev`: first article page · edit title · add file · delete file (the content builds of those saves)',
      result:
        `${sec(d.readySeconds)} · ${sec(d.editSeconds)} · ${sec(d.addSeconds)} · ${sec(d.deleteSeconds)} ` +
        `(content ${d.contentSeconds.map((s) => s.toFixed(1)).join(', ')} s) · ${mem(d.peakRssBytes)} peak tree RSS` +
        (d.serverErrors ? ` · ${d.serverErrors} HTTP 5xx while waiting (${d.lastServerError})` : ''),
    })
  })

  rows.push(HUGO)

  if (!opts.keep) {
    for (const dir of [dataset, env.NEXT_DIST_DIR, env.CONTENTLAYER_DIR, `.next-bench-dev-${N}`]) fs.rmSync(dir, { recursive: true, force: true })
  }

  const probeEnd = await cpuProbe(corpus)
  const total = (performance.now() - began) / 1000
  const header =
    `## ${int(N)} articles\n\n` +
    `- Machine: ${machine()}\n` +
    `- Run: ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC, ${sec(total)} in all, seed ${opts.seed}` +
    `${opts.skip.size ? `, skipped: ${[...opts.skip].join(', ')}` : ''}\n` +
    `- CPU probe: ${probeText(probeStart)} at the start, ${sec(probeEnd.seconds)} at the end\n` +
    `- Load average (1/5/15 min) at the end: ${loadavg()} — other work on the machine shows up here and in every number\n\n`
  const section = `${header}${table(rows)}\n\n`
  console.log(`\n${section}`)
  // A partial run must not replace a whole run's figures with "skipped" (reusing the
  // kept data set measures everything and may).
  const partial = [...opts.skip].filter((s) => s !== 'synthesize')
  const report = partial.length ? path.join(logs, 'BENCHMARKS.partial.md') : path.join(root, 'BENCHMARKS.md')
  writeReport(report, N, section)
  console.log(
    `bench: written to ${path.relative(root, report)}${partial.length ? ` (stages skipped: ${partial.join(', ')}; BENCHMARKS.md left as it was)` : ''}` +
      `${failures ? `; ${failures} stage(s) failed` : ''}`,
  )
  return failures ? 1 : 0
}

process.on('exit', cleanUpNow)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping every process it started (the data set and logs stay in BENCH_DATA_DIR)`)
    cleanUpNow()
    process.exit(130)
  })
}

main().then(
  async (code) => {
    await killAll()
    process.exit(code)
  },
  async (e) => {
    console.error(`bench: ${(e as Error).stack ?? e}`)
    await killAll()
    process.exit(1)
  },
)
