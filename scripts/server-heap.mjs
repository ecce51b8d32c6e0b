// The server holds each locale's search index in its heap once a search asks for it.
// Loaded, an index takes ~6x its file's size (100k articles: 480 MB of index files,
// ~2.9 GB in memory, measured), more while it is being parsed; Node's default heap
// limit (~4 GB here) is then too small and the server dies on the first searches.
import fs from 'node:fs'
import path from 'node:path'
import v8 from 'node:v8'
import { defaultLocaleSegment, localeSegments } from '../next.config.mjs'

/** What Next, the manifests and the article list take before any index, in MiB. */
const BASE_MB = 1536
/** Heap per MiB of index file, with room for parsing. */
const PER_INDEX_MB = 8

/** The build's search index files (lib/search writes `<dist>/kanbao/search-<locale>.json`). */
export function searchIndexFiles(dist) {
  const dir = path.join(dist, 'kanbao')
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => ({ name, bytes: fs.statSync(path.join(dir, name)).size })) : []
}

/** The heap limit (MiB) the server of this build needs, from the size of its search indexes. */
export function heapNeededMb(dist) {
  const bytes = searchIndexFiles(dist).reduce((sum, f) => sum + f.bytes, 0)
  return Math.ceil(BASE_MB + (bytes / 2 ** 20) * PER_INDEX_MB)
}

/** This process's heap limit in MiB. */
export const heapLimitMb = () => v8.getHeapStatistics().heap_size_limit / 2 ** 20

/**
 * The search pages whose locale has an index, as `npm start` serves them ("/search/",
 * "/zh-cn/search/", …). Without its index a locale's search page says search is
 * unavailable: that answer is not kept, and there is nothing to warm up.
 */
export function searchPaths(dist) {
  const indexes = searchIndexFiles(dist).map((f) => f.name.toLowerCase())
  return ['', ...localeSegments.map((segment) => `/${segment}`)]
    .filter((prefix) => indexes.includes(`search-${prefix.slice(1) || defaultLocaleSegment}.json`))
    .map((prefix) => `${prefix}/search/`)
}
