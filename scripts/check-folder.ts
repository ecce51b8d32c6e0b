/**
 * Checks every file of a content folder, parsing only those that changed since the
 * last check: at 30k files, parsing every front matter is most of `npm run check`
 * (16–24 s on 2 slow cores), and `npm run build` and `npm run dev` both start with it.
 *
 * Each file's result is kept by content hash (lib/content/file-stamp.ts) in the content
 * build's state folder (CONTENTLAYER_DIR), for one content folder and one version of the
 * checker and the content model (the same inputs as the content build's); anything else
 * starts afresh.
 */
import fs from 'node:fs'
import path from 'node:path'
import { checkFile, type CheckedFile } from '../lib/content/check'
import { stampFile, type FileStamp } from '../lib/content/file-stamp'
import { generatedDir } from '../lib/content/generated'
import { contentModelInputs, filesDigest } from './fingerprint.mjs'

interface Stored {
  inputs: string
  dir: string
  files: Record<string, { stamp: FileStamp; checked: CheckedFile }>
}

/** `files` content-relative, as listMarkdownFiles gives them; results in the same order. */
export function checkFolder(dir: string, files: readonly string[]): { checked: CheckedFile[]; checkedNow: number } {
  const cacheFile = path.join(path.dirname(generatedDir()), 'check-cache.json')
  const inputs = filesDigest(contentModelInputs())
  let stored: Stored | undefined
  try {
    stored = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Stored
  } catch {
    // None yet, or unreadable: check everything.
  }
  const known = stored?.inputs === inputs && stored.dir === dir ? stored.files : {}
  const next: Stored = { inputs, dir, files: {} }
  let checkedNow = 0
  // One file in memory at a time: 30k bodies are never held at once.
  const checked = files.map((file) => {
    const last = known[file]
    const { stamp, bytes } = stampFile(path.join(dir, file), last?.stamp)
    if (last?.stamp.hash !== stamp.hash) {
      checkedNow++
      next.files[file] = { stamp, checked: checkFile(file, bytes!.toString('utf8')) }
    } else next.files[file] = { stamp, checked: last.checked }
    return next.files[file].checked
  })
  // Written aside and renamed, so a check running beside this one never reads half a file.
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true })
  fs.writeFileSync(`${cacheFile}.${process.pid}`, JSON.stringify(next))
  fs.renameSync(`${cacheFile}.${process.pid}`, cacheFile)
  return { checked, checkedNow }
}
