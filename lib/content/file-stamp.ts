/**
 * Content hashes of the Markdown files, kept between runs by the check and the
 * content build. A file whose size, times and inode are as they were when it was
 * hashed keeps its hash unread: at 30k files, reading and hashing every file was a
 * second or two of every save in `npm run dev`.
 *
 * As git does, a file modified less than RACY_MS before it was hashed is hashed
 * again next time: on a filesystem with coarse timestamps, a second save within the
 * same tick leaves the times as they were.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'

export interface FileStamp {
  /** sha1 of the bytes. */
  hash: string
  size: number
  mtimeMs: number
  ctimeMs: number
  ino: number
  /** When it was hashed, epoch ms. */
  hashedAt: number
}

const RACY_MS = 2000

/** The file's stamp, and its bytes when they had to be read. */
export function stampFile(file: string, known?: FileStamp): { stamp: FileStamp; bytes?: Buffer } {
  const hashedAt = Date.now()
  const st = fs.statSync(file)
  if (
    known &&
    known.size === st.size &&
    known.mtimeMs === st.mtimeMs &&
    known.ctimeMs === st.ctimeMs &&
    known.ino === st.ino &&
    known.hashedAt - st.mtimeMs > RACY_MS
  ) {
    return { stamp: known }
  }
  const bytes = fs.readFileSync(file)
  const hash = crypto.createHash('sha1').update(bytes).digest('hex')
  return { stamp: { hash, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, hashedAt }, bytes }
}
