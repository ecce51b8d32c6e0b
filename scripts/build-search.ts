/**
 * Builds the per-locale search indexes once, after `next build` (whose dist dir
 * it writes into). Indexing is CPU-bound and single-threaded, so the locales are
 * built in parallel child processes, one per core, largest first.
 */
import { fork } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { siteConfig, type Locale } from '../site.config'
import { getArticles } from '../lib/content'
import { writeSearchIndex } from '../lib/search'

const self = fileURLToPath(import.meta.url)
const only = process.argv[2] as Locale | undefined

if (only) {
  process.send?.({ locale: only, count: writeSearchIndex(only) })
} else {
  const started = Date.now()
  const queue = [...siteConfig.locales].sort((a, b) => getArticles(b).length - getArticles(a).length)
  const counts: string[] = []
  const worker = async (): Promise<void> => {
    for (let locale = queue.shift(); locale; locale = queue.shift()) {
      const child = fork(self, [locale], { execArgv: process.execArgv })
      await new Promise<void>((resolve, reject) => {
        child.on('message', (m: { locale: Locale; count: number }) => counts.push(`${m.count} ${m.locale}`))
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`search: indexing ${locale} failed (exit ${code})`))))
      })
    }
  }
  await Promise.all(Array.from({ length: Math.min(os.availableParallelism(), queue.length) }, worker))
  console.log(`search: indexed ${counts.join(', ')} articles (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
