/**
 * Reads contentlayer's generated documents from disk. The types come from
 * `contentlayer/generated` (a tsconfig path); the data is read with fs rather
 * than imported, because an import bundles every document into the server
 * chunks — at tens of thousands of articles that is what exhausts the build's
 * memory — and because scripts (tsx) cannot follow the tsconfig path.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Article as GeneratedArticle } from 'contentlayer/generated'

export type { GeneratedArticle }

export function generatedDir(): string {
  return path.resolve(process.env.CONTENTLAYER_DIR || '.contentlayer', 'generated')
}

const indexFile = () => path.join(generatedDir(), 'Article', '_index.json')

export function readGeneratedArticles(): GeneratedArticle[] {
  const file = indexFile()
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as GeneratedArticle[]
  } catch (e) {
    throw new Error(`content: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): run \`npm run content\` (npm run dev builds it on start: reload in a moment)`)
  }
}

/** Changes whenever the content watcher rewrites the index (used by dev to pick up edits). */
export function generatedStamp(): number {
  try {
    return fs.statSync(indexFile()).mtimeMs
  } catch {
    return 0
  }
}
