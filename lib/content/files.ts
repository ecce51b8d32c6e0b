/** Listing the content folder: what the content build must account for. */
import fs from 'node:fs'
import path from 'node:path'

/** Every Markdown file below `dir`, as content-relative paths with forward slashes, sorted. */
export function listMarkdownFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const full = path.join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.md')) out.push(path.relative(dir, full).split(path.sep).join('/'))
    }
  }
  walk(dir)
  return out.sort()
}

/** Fails fast, in one line, when the content folder is missing or unreadable. */
export function assertContentDir(dir: string): void {
  try {
    if (!fs.statSync(dir).isDirectory()) throw new Error('not a directory')
    fs.readdirSync(dir)
  } catch (e) {
    throw new Error(`CONTENT_DIR ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (set CONTENT_DIR to a folder of <lang>/news/<source>/<id>.<lang>.md files)`)
  }
}

/** For the command-line scripts: the content folder, or exit 2 with one line naming it. */
export function contentDirOrExit(script: string, dir: string): string {
  try {
    assertContentDir(dir)
  } catch (e) {
    console.error(`${script}: ${(e as Error).message}`)
    process.exit(2)
  }
  return dir
}
