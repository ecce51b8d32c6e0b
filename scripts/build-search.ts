/**
 * Builds the per-locale search indexes once, after `next build` (whose dist dir
 * it writes into), from the previous build's indexes when the code is the same
 * (lib/search/build.ts). Indexing is CPU-bound and single-threaded, so the
 * locales are built in child processes, largest first, side by side while there is
 * a core for each and their memory fits in KANBAO_SEARCH_MEMORY_MB (4096 by default).
 */
import { fork } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { siteConfig, type Locale } from '../site.config'
import { getArticles } from '../lib/content'
import { searchDocuments } from '../lib/search'
import { mayStartIndexing, writeSearchIndex, type IndexedLocale } from '../lib/search/build'
import { codeFingerprint } from './fingerprint.mjs'

const self = fileURLToPath(import.meta.url)
const only = process.argv[2] as Locale | undefined
const dist = process.env.NEXT_DIST_DIR || '.next'

if (only) {
  // A forced full build (the nightly one in the README's recipe) starts every index afresh too.
  const result = await writeSearchIndex(only, searchDocuments(only), { dist, fingerprint: process.argv[3], fresh: process.env.KANBAO_FULL_BUILD === '1' })
  // Outside a fork there is no one to tell (and `send?.(await …)` would skip the work).
  process.send?.(result)
} else {
  const started = Date.now()
  const fingerprint = codeFingerprint()
  const size = (locale: Locale) => getArticles(locale).length
  const queue = [...siteConfig.locales].sort((a, b) => size(b) - size(a))
  const limits = { budget: Number(process.env.KANBAO_SEARCH_MEMORY_MB || 4096) * 2 ** 20, cores: os.availableParallelism() }
  const done: IndexedLocale[] = []
  const running = new Map<Locale, Promise<void>>()
  const index = (locale: Locale) =>
    new Promise<void>((resolve, reject) => {
      const child = fork(self, [locale, fingerprint], { execArgv: process.execArgv })
      child.on('message', (m: IndexedLocale) => done.push(m))
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`search: indexing ${locale} failed (exit ${code})`))))
    }).finally(() => running.delete(locale))
  while (queue.length > 0) {
    const next = queue[0]
    if (mayStartIndexing([...running.keys()].map(size), size(next), limits)) running.set(queue.shift()!, index(next))
    else await Promise.race(running.values())
  }
  await Promise.all(running.values())
  // What each index was made from, for the deploy's logs and the e2e suite.
  fs.writeFileSync(path.join(dist, 'kanbao', 'search-build.json'), JSON.stringify(done, null, 2))
  const report = done.map((r) => `${r.documents} ${r.locale}${r.updated ? ` (updated: ${r.added} added, ${r.removed} removed)` : ''}`)
  console.log(`search: indexed ${report.join(', ')} articles (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
