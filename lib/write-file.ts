import fs from 'node:fs'
import path from 'node:path'

/**
 * Writes beside the file, then renames it into place: whoever reads it (another build
 * worker, the next build) sees the old file or the new one, never half of one.
 */
export function writeFileAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, text)
  fs.renameSync(tmp, file)
}
