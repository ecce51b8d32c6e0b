/**
 * An incremental build renders only the articles whose pages changed; the rest
 * are kept from the previous build (scripts/incremental.ts). The plan reaches
 * `next build`'s workers as a file named by KANBAO_RENDER_ONLY: a JSON array of
 * article paths. Without it every article is rendered.
 */
import fs from 'node:fs'

let planned: Set<string> | null | undefined

function plan(): Set<string> | null {
  if (planned === undefined) {
    const file = process.env.KANBAO_RENDER_ONLY
    planned = file ? new Set(JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) : null
  }
  return planned
}

export function articlesToRender<T extends { path: string }>(articles: readonly T[]): readonly T[] {
  const only = plan()
  return only ? articles.filter((a) => only.has(a.path)) : articles
}
