/**
 * The production server under test: which URLs to ask for, first-load
 * JavaScript, per-route throughput and a mixed load. Loopback only.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import autocannon from 'autocannon'
import { rng } from './synthesize'
import { rssOf, treeRss } from './measure'
import type { Query } from './search'

export interface Target {
  kind: 'article' | 'home' | 'list' | 'tag' | 'search' | '404'
  path: string
  /** 404 for the deliberately missing URLs, 200 for everything else. */
  expect: number
}

export interface Targets {
  article: string
  home: string
  tag: string
  search: string
  /** A search URL per real query, for searches the server has not answered before. */
  searches: string[]
  /** The mixed load: articles, lists, tags, searches and 404s of every locale. */
  mix: Target[]
}

/**
 * URLs from the built content itself, through the app's own modules (which
 * read CONTENTLAYER_DIR): every locale, real slugs, tags and sources.
 */
export async function pickTargets(seed: number, queries: Query[]): Promise<Targets> {
  const { getArticles, listSources, listTerms } = await import('@/lib/content')
  const { paths } = await import('@/lib/urls')
  const { siteConfig } = await import('@/site.config')
  const { contentDir } = await import('@/lib/content/dir')
  const random = rng(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]

  // The article of median file size: neither the 200-byte link stub nor the 190 KB outlier.
  const size = (file: string) => fs.statSync(path.join(contentDir(), file)).size
  const en = getArticles('en').map((a) => ({ path: a.path, bytes: size(a.file) })).sort((a, b) => a.bytes - b.bytes)
  const article = en[Math.floor(en.length / 2)].path
  const topTag = listTerms('en', 'tags').reduce((a, b) => (b.count > a.count ? b : a))
  const tag = paths.term('en', 'tags', topTag.slug)
  const first = queries.find((q) => q.locale === 'en')
  const search = `${paths.search('en')}?q=${encodeURIComponent(first?.q ?? 'market')}`

  const mix: Target[] = []
  for (const locale of siteConfig.locales) {
    const articles = getArticles(locale)
    const pages = Math.ceil(articles.length / siteConfig.pageSize)
    const tags = listTerms(locale, 'tags')
    const sources = listSources(locale)
    for (let i = 0; i < 60; i++) mix.push({ kind: 'article', path: pick(articles).path, expect: 200 })
    mix.push({ kind: 'home', path: paths.home(locale), expect: 200 })
    for (let i = 0; i < 10; i++) mix.push({ kind: 'list', path: paths.home(locale, 1 + Math.floor(random() * pages)), expect: 200 })
    for (let i = 0; i < 5; i++) mix.push({ kind: 'list', path: paths.source(locale, pick(sources).source), expect: 200 })
    for (let i = 0; i < 15; i++) mix.push({ kind: 'tag', path: paths.term(locale, 'tags', pick(tags).slug), expect: 200 })
    for (let i = 0; i < 5; i++) mix.push({ kind: '404', path: `${paths.home(locale)}news/no-such-source-${i}/no-such-article/`, expect: 404 })
    for (let i = 0; i < 5; i++) mix.push({ kind: '404', path: `${pick(articles).path}x${i}/`, expect: 404 })
  }
  // Searches are rendered per request and cost the most; readers mostly read, so they are a small share.
  for (const q of queries.slice(0, 21)) mix.push({ kind: 'search', path: `${paths.search(q.locale)}?q=${encodeURIComponent(q.q)}`, expect: 200 })
  // Shuffled so that neighbouring connections do not ask for the same page at once.
  for (let i = mix.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[mix[i], mix[j]] = [mix[j], mix[i]]
  }
  const searches = queries.map((q) => `${paths.search(q.locale)}?q=${encodeURIComponent(q.q)}`)
  return { article, home: '/', tag, search, searches, mix }
}

/**
 * The JavaScript a browser downloads to load the page, gzipped. `nomodule` scripts
 * (Next's legacy polyfills) are counted apart: browsers that run modules skip them.
 * Inline scripts (the site's islands; Next's RSC data where its runtime runs) are
 * gzipped together, apart from the files; JSON-LD is data and not counted.
 */
export async function firstLoadJs(base: string, route: string): Promise<{ bytes: number; scripts: number; nomoduleBytes: number; inlineBytes: number }> {
  const html = await (await fetch(base + route, { signal: AbortSignal.timeout(60_000) })).text()
  const srcs = new Map<string, boolean>()
  for (const m of html.matchAll(/<script\b([^>]*?)\ssrc="([^"]+)"([^>]*)>/g)) {
    const src = new URL(m[2].replace(/&amp;/g, '&'), base)
    if (src.pathname.startsWith('/_next/static/')) srcs.set(src.href, /\snomodule\b/i.test(` ${m[1]} ${m[3]}`))
  }
  let bytes = 0
  let nomoduleBytes = 0
  for (const [src, nomodule] of srcs) {
    const res = await fetch(src, { signal: AbortSignal.timeout(30_000) })
    if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`)
    const size = zlib.gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length
    if (nomodule) nomoduleBytes += size
    else bytes += size
  }
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=|application\/ld\+json/.test(m[1])).map((m) => m[2])
  const inlineBytes = inline.length ? zlib.gzipSync(inline.join('\n'), { level: 9 }).length : 0
  return { bytes, scripts: [...srcs.values()].filter((n) => !n).length, nomoduleBytes, inlineBytes }
}

export interface Cannon {
  requests: number
  reqPerSec: number
  p50: number
  p99: number
  non2xx: number
  /** Connection errors, timeouts included. */
  errors: number
  timeouts: number
  statuses: Record<string, number>
}

function summarize(r: autocannon.Result): Cannon {
  const statuses: Record<string, number> = {}
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = Number(s.count)
  return {
    requests: r.requests.total,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statuses,
  }
}

/** What a browser sends: pages are served compressed, as readers get them. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' }

/** One URL, hammered: throughput and latency of a single route. */
export async function hammer(base: string, route: string, seconds: number, connections: number): Promise<Cannon> {
  // The first request compiles nothing in production, but loads the route's
  // modules and reads its files: keep that out of the measurement.
  await (await fetch(base + route, { signal: AbortSignal.timeout(60_000) })).arrayBuffer()
  return summarize(await autocannon({ url: base + route, connections, duration: seconds, timeout: 20, headers: BROWSER }))
}

/**
 * Search pages the server has not seen: the real queries in turn, each made a URL of
 * its own by a counter the search page ignores, so none is answered from memory.
 */
export async function hammerNewSearches(base: string, searches: readonly string[], seconds: number, connections: number): Promise<Cannon> {
  let next = 0
  const url = () => `${searches[next % searches.length]}&bench=${next++}`
  await (await fetch(base + url(), { signal: AbortSignal.timeout(60_000) })).arrayBuffer()
  return summarize(
    await autocannon({
      url: base,
      connections,
      duration: seconds,
      timeout: 20,
      headers: BROWSER,
      requests: [{ setupRequest: (req) => ({ ...req, path: url() }) }],
    }),
  )
}

export interface Load extends Cannon {
  /** Responses whose status differed from the one expected for their URL, by kind and status. */
  unexpected: Record<string, number>
  expected404: number
  byKind: Record<string, number>
  /** Connection errors by code ("timeout", "ECONNRESET", …). */
  errorKinds: Record<string, number>
}

/** A mixed load: each request takes the next URL of the shuffled mix, whichever connection sends it. */
export async function load(base: string, mix: Target[], seconds: number, connections: number): Promise<Load> {
  let next = 0
  const unexpected: Record<string, number> = {}
  const byKind: Record<string, number> = {}
  let expected404 = 0
  const errorKinds: Record<string, number> = {}
  const run = autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 20,
    headers: BROWSER,
    requests: [
      {
        setupRequest: (req, context) => {
          const target = mix[next++ % mix.length]
          context.target = target
          return { ...req, path: target.path }
        },
        onResponse: (status, _body, context) => {
          const target = context.target as Target
          byKind[target.kind] = (byKind[target.kind] ?? 0) + 1
          if (status === target.expect) {
            if (status === 404) expected404++
          } else {
            const key = `${target.kind} → ${status}`
            unexpected[key] = (unexpected[key] ?? 0) + 1
          }
        },
      },
    ],
  })
  run.on('reqError', (e) => {
    const key = e.code ?? e.message
    errorKinds[key] = (errorKinds[key] ?? 0) + 1
  })
  return { ...summarize(await run), unexpected, expected404, byKind, errorKinds }
}

/** RSS of the server's processes, without the `npm` wrapper at the root. */
export function serverRss(npmPid: number): number {
  return treeRss(npmPid) - rssOf(npmPid)
}
