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
/** The same documents without their bodies, written by the content build (scripts/content-build.ts). */
export const metaFile = () => path.join(generatedDir(), 'Article', '_meta.json')

/** One document's file, with its body: contentlayer writes one per document. */
export function documentFile(sourceFilePath: string): string {
  return path.join(generatedDir(), 'Article', `${sourceFilePath.split('/').join('__')}.json`)
}

const mtime = (file: string) => {
  try {
    return fs.statSync(file).mtimeMs
  } catch {
    return -1
  }
}

/**
 * Every document's fields for lists and widgets. Bodies stay on disk (see
 * readDocumentBody): at tens of thousands of articles, holding every body in
 * each build worker is what runs out of memory. Under `npm run dev` the
 * watcher rewrites the full index, which is then newer than the bodiless one.
 */
export function readGeneratedArticles(): GeneratedArticle[] {
  const file = mtime(metaFile()) >= mtime(indexFile()) ? metaFile() : indexFile()
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as GeneratedArticle[]
  } catch (e) {
    throw new Error(`content: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): run \`npm run content\` (npm run dev builds it on start: reload in a moment)`)
  }
}

/**
 * Every built document without its body, read one file at a time: contentlayer's
 * `_index.json` holds all bodies in one JSON text, which at ~100k articles is longer
 * than the longest string V8 can hold. `_index.mjs` lists the documents' files.
 */
export function readBuiltDocumentsWithoutBodies(): GeneratedArticle[] {
  const dir = path.join(generatedDir(), 'Article')
  const barrel = fs.readFileSync(path.join(dir, '_index.mjs'), 'utf8')
  return Array.from(barrel.matchAll(/^import \S+ from '\.\/([^']+\.json)'/gm), ([, file]) => {
    const { body: _body, ...meta } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as GeneratedArticle
    return meta as GeneratedArticle
  })
}

type WithBody = { _raw: { sourceFilePath: string }; body?: { raw?: string } }
let fullIndex: { stamp: number; bodies: Map<string, string> } | undefined

/**
 * The Markdown body of one document. Under `npm run dev` the watcher writes the
 * full index before a new document's own file, so a page asked for in between
 * takes the body from the index instead of failing.
 */
export function readDocumentBody(sourceFilePath: string): string {
  let doc: WithBody
  try {
    doc = JSON.parse(fs.readFileSync(documentFile(sourceFilePath), 'utf8')) as WithBody
  } catch (e) {
    const fromIndex = (e as NodeJS.ErrnoException).code === 'ENOENT' ? bodyFromIndex(sourceFilePath) : undefined
    if (fromIndex === undefined) throw e
    return fromIndex
  }
  return doc.body?.raw ?? ''
}

function bodyFromIndex(sourceFilePath: string): string | undefined {
  const stamp = mtime(indexFile())
  if (stamp < 0) return undefined
  if (fullIndex?.stamp !== stamp) {
    const docs = JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as WithBody[]
    fullIndex = { stamp, bodies: new Map(docs.map((d) => [d._raw.sourceFilePath, d.body?.raw ?? ''])) }
  }
  return fullIndex.bodies.get(sourceFilePath)
}

/** Changes whenever the content watcher rewrites the index (used by dev to pick up edits). */
export function generatedStamp(): number {
  return Math.max(mtime(indexFile()), 0)
}
