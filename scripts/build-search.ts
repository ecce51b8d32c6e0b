/** Builds the per-locale search indexes once, after `next build` (whose dist dir it writes into). */
import { writeSearchIndexes } from '../lib/search'

const started = Date.now()
const counts = writeSearchIndexes()
console.log(`search: indexed ${Object.entries(counts).map(([l, n]) => `${n} ${l}`).join(', ')} articles (${((Date.now() - started) / 1000).toFixed(1)} s)`)
