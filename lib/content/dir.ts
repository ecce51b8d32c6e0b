import path from 'node:path'

/** The content folder: CONTENT_DIR (absolute, or relative to the project) or ./content. */
export function contentDir(): string {
  return path.resolve(process.env.CONTENT_DIR || 'content')
}
