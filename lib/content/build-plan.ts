/**
 * An incremental build renders only the article and list pages that changed; the
 * rest are kept from the previous build (scripts/incremental.ts). The plan reaches
 * `next build`'s workers as a file named by KANBAO_RENDER_ONLY: a JSON array of
 * page paths. Without it every page is rendered.
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

/** Whether this build renders the article or list page at `path`. */
export function rendersPage(path: string): boolean {
  return plan()?.has(path) ?? true
}

export function articlesToRender<T extends { path: string }>(articles: readonly T[]): readonly T[] {
  return articles.filter((a) => rendersPage(a.path))
}
