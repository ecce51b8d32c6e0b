/**
 * Search latency against the built per-locale indexes, called in-process
 * through lib/search (the same code the /search/ page runs, without HTTP and
 * rendering around it).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Locale } from '@/site.config'
import { rng } from './synthesize'

export interface Query {
  locale: Locale
  q: string
}

const STOP = new Set('the and for with from that this are was were has have its into over after about than will not but new says say how why what who'.split(' '))
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const HAN = /^\p{Script=Han}{2,4}$/u

/**
 * Real queries out of the synthesized titles: English words and two-word
 * phrases, Chinese words as the segmenter cuts them (bigrams to the index) and
 * plain bigrams, for all three locales in turn. Deterministic for a seed.
 */
export async function makeQueries(count: number, seed: number): Promise<Query[]> {
  const { getArticles } = await import('@/lib/content')
  const random = rng(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const locales: Locale[] = ['en', 'zh-CN', 'zh-HK']
  const titles = Object.fromEntries(locales.map((l) => [l, getArticles(l).map((a) => a.title)])) as Record<Locale, string[]>
  const out: Query[] = []
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const locale = locales[out.length % locales.length]
    if (titles[locale].length === 0) continue
    const title = pick(titles[locale])
    let q: string | undefined
    if (locale === 'en') {
      const words = (title.toLowerCase().match(/[a-z][a-z'-]+/g) ?? []).filter((w) => w.length >= 3 && !STOP.has(w))
      if (words.length === 0) continue
      const i = Math.floor(random() * words.length)
      q = random() < 0.5 || i + 1 >= words.length ? words[i] : `${words[i]} ${words[i + 1]}`
    } else {
      const words = [...segmenter.segment(title)].map((s) => s.segment).filter((w) => HAN.test(w))
      if (words.length > 0 && random() < 0.6) q = pick(words)
      else {
        const runs = title.match(/\p{Script=Han}{2,}/gu) ?? []
        if (runs.length === 0) continue
        const chars = Array.from(pick(runs))
        const i = Math.floor(random() * (chars.length - 1))
        q = chars[i] + chars[i + 1]
      }
    }
    if (q) out.push({ locale, q })
  }
  return out
}

export interface SearchLatency {
  queries: number
  loadMs: number
  p50: number
  p99: number
  max: number
  withHits: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

/**
 * Runs `measureSearch` in a process of its own with the heap the server would have
 * (scripts/server-heap.mjs): at 100k articles the three indexes do not fit beside
 * the bench's own data in Node's default heap.
 */
export async function searchLatency(queries: Query[]): Promise<SearchLatency> {
  const { heapNeededMb } = await import('../server-heap.mjs')
  const heap = heapNeededMb(process.env.NEXT_DIST_DIR || '.next')
  const script = fileURLToPath(new URL('./search-run.ts', import.meta.url))
  const child = spawn(process.execPath, [`--max-old-space-size=${heap}`, '--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] })
  // Listening before reading: 'close' may come as soon as stdout has ended.
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
  child.stdin.end(JSON.stringify(queries))
  let out = ''
  for await (const chunk of child.stdout) out += chunk
  const code = await closed
  if (code !== 0) throw new Error(`search measurement exited with ${code}`)
  return JSON.parse(out) as SearchLatency
}

export async function measureSearch(queries: Query[]): Promise<SearchLatency> {
  const { search } = await import('@/lib/search')
  const { SEARCH_PAGE_SIZE } = await import('@/lib/search/params')
  // Loading (parsing) each locale's index is a once-per-server cost: timed apart from the queries.
  const t0 = performance.now()
  for (const locale of ['en', 'zh-CN', 'zh-HK'] as const) {
    if (!(await search(locale, { q: 'warmup', page: 1, pageSize: SEARCH_PAGE_SIZE }))) {
      throw new Error(`no search index for ${locale}: the build did not write it (NEXT_DIST_DIR=${process.env.NEXT_DIST_DIR})`)
    }
  }
  const loadMs = performance.now() - t0
  const times: number[] = []
  let withHits = 0
  for (const { locale, q } of queries) {
    const t = performance.now()
    const r = await search(locale, { q, page: 1, pageSize: SEARCH_PAGE_SIZE })
    times.push(performance.now() - t)
    if (r && r.total > 0) withHits++
  }
  times.sort((a, b) => a - b)
  return { queries: queries.length, loadMs, p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1], withHits }
}
