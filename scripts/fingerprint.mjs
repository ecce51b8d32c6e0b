// Fingerprints of the code a build is made from. Plain .mjs: next.config.mjs reads them
// before TypeScript is available.
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** Files and folders (recursively) whose bytes decide what a page renders, besides the content. */
export const CODE_INPUTS = [
  'app', 'components', 'lib', 'messages', 'i18n', 'public', 'patches',
  'package-lock.json', 'next.config.mjs', 'site.config.ts', 'proxy.ts', 'contentlayer.config.ts',
  'tsconfig.json', 'tsconfig.app.json', 'scripts/patch-next.mjs', 'scripts/strip-runtime.ts',
]

/** Where the content model's code starts: contentlayer's config and the content check. */
const CONTENT_MODEL_ENTRIES = ['contentlayer.config.ts', 'scripts/check-folder.ts']

/** Besides that code: the locked libraries, their patches, and the path aliases that resolve imports. */
const CONTENT_MODEL_EXTRAS = ['package-lock.json', 'patches', 'tsconfig.json']

/**
 * What turns a Markdown file into a document or a check result: the project's files
 * that the content model's code imports, found by esbuild as contentlayer itself
 * compiles its config, and CONTENT_MODEL_EXTRAS. Code that only renders pages (the
 * components, lib/search, lib/feeds) is not among them, so a deploy that changes
 * only that keeps every document instead of rebuilding 30k of them (~2–3 min).
 * If the code does not compile, every file of lib/ counts, and contentlayer reports the error.
 */
export function contentModelInputs(root = '.') {
  let files
  try {
    const { metafile } = esbuild().buildSync({
      absWorkingDir: path.resolve(root),
      entryPoints: CONTENT_MODEL_ENTRIES,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outdir: 'out',
      logLevel: 'silent',
    })
    files = Object.keys(metafile.inputs).sort()
  } catch {
    files = [...CONTENT_MODEL_ENTRIES, 'site.config.ts', 'lib']
  }
  return [...files, ...CONTENT_MODEL_EXTRAS].map((file) => path.join(root, file))
}

/**
 * A fingerprint of the Markdown renderer (its code and the locked library versions):
 * rendered bodies cached on disk (lib/content/body-cache.ts) are reused only by the same
 * renderer. next.config.mjs hands it to the pages; scripts/render-bodies.ts to its workers.
 */
export const rendererVersion = () => filesDigest(['package-lock.json', 'lib/markdown'])

// Loaded when first needed: next.config.mjs imports this module for its fingerprints alone.
const esbuild = () => createRequire(import.meta.url)('esbuild')

function listFiles(entry) {
  let stat
  try {
    stat = fs.statSync(entry)
  } catch {
    return [] // An optional input (no patches/, no public/) counts as empty.
  }
  if (!stat.isDirectory()) return [entry]
  return fs.readdirSync(entry).sort().flatMap((name) => listFiles(path.join(entry, name)))
}

/** A short digest of the named files and folders: their paths and their bytes. */
export function filesDigest(entries, extra = []) {
  const hash = crypto.createHash('sha256')
  for (const file of entries.flatMap(listFiles)) hash.update(`${file}\0`).update(fs.readFileSync(file)).update('\0')
  for (const value of extra) hash.update(`${value}\0`)
  return hash.digest('hex').slice(0, 20)
}

/**
 * The build's code fingerprint, also its build ID: two builds of the same code serve
 * byte-identical pages for the same data, which is what lets an incremental build keep
 * the previous build's unchanged pages. Also part of it: the settings pages read from the
 * environment, the footer's copyright year, and Node's version (its ICU formats the dates).
 */
export function codeFingerprint() {
  return filesDigest(CODE_INPUTS, [`SITE_URL=${process.env.SITE_URL ?? ''}`, `year=${new Date().getFullYear()}`, `node=${process.version}`])
}
