/**
 * Rendered bodies on disk, shared by the build's workers and kept between builds
 * with Next's own cache folder: an article is rendered for its page and again for
 * every feed it is in (its home, tags, categories, source), by whichever worker
 * builds them; with this it is rendered once, and an unchanged article is not
 * rendered again on the next build. Keyed on the Markdown, the options and the
 * renderer's own code (KANBAO_RENDERER, set by next.config.mjs); off without it
 * (scripts, tests) and under `next dev`.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { writeFileAtomically } from '@/lib/write-file'

const version = process.env.KANBAO_RENDERER
const enabled = Boolean(version) && process.env.NODE_ENV === 'production'
const dir = () => path.resolve(process.env.NEXT_DIST_DIR || '.next', 'cache', 'kanbao-bodies')

export async function cachedRender<T>(input: string, render: () => Promise<T>): Promise<T> {
  if (!enabled) return render()
  const key = crypto.createHash('sha1').update(`${version}\0${input}`).digest('hex')
  const file = path.join(dir(), key.slice(0, 2), `${key}.json`)
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch {
    // Not rendered yet (or unreadable): render and keep it.
  }
  const value = await render()
  try {
    // Another worker may be reading or writing the same key.
    writeFileAtomically(file, JSON.stringify(value))
  } catch {
    // A read-only or full disk costs speed, not correctness.
  }
  return value
}
