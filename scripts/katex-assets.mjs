/**
 * Copies KaTeX's stylesheet and fonts to public/assets/katex/<version>/ when they are not
 * there yet: `npm run build` and `npm run dev` call it first (or `node scripts/katex-assets.mjs`).
 *
 * Only articles with `mathjax: true` need them. Imported into a component, Next bundles
 * the stylesheet with the whole article route, so every article — nearly all of them
 * without math — waited for a render-blocking 24 KB stylesheet it does not use. Served
 * from public/, the article page links it only where the body has math
 * (lib/markdown/math.ts builds the same path). The version in the path lets the files
 * be cached for good (next.config.mjs).
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

/** @returns {string | undefined} the folder written, or undefined when it was already there */
export function copyKatexAssets() {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('katex/package.json')
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8'))
  const dist = path.join(path.dirname(manifest), 'dist')
  const root = path.resolve('public/assets/katex')
  const target = path.join(root, version)
  if (fs.existsSync(path.join(target, 'katex.min.css')) && fs.existsSync(path.join(target, 'fonts'))) return undefined
  fs.rmSync(root, { recursive: true, force: true }) // Earlier versions' files go with the upgrade.
  fs.mkdirSync(target, { recursive: true })
  fs.cpSync(path.join(dist, 'fonts'), path.join(target, 'fonts'), { recursive: true })
  fs.copyFileSync(path.join(dist, 'katex.min.css'), path.join(target, 'katex.min.css')) // Last: its presence means done.
  return path.relative(process.cwd(), target)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = copyKatexAssets()
  console.log(written ? `katex-assets: KaTeX's stylesheet and fonts in ${written}/` : 'katex-assets: up to date')
}
