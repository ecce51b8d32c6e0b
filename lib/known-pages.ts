/**
 * Which URLs exist, from the build's own prerender manifest (and public/).
 * The proxy uses it to answer unknown URLs with the server-rendered 404 page:
 * Next renders a notFound() thrown by a page on the client only
 * (next.js#62228), which leaves crawlers and readers without JavaScript a
 * blank page.
 */
import fs from 'node:fs'
import path from 'node:path'
import { siteConfig } from '@/site.config'
import { localeToSegment, segmentToLocale } from '@/lib/i18n'

let known: Set<string> | null | undefined

function listPublic(dir: string, prefix = ''): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? listPublic(path.join(dir, e.name), `${prefix}/${e.name}`) : [`${prefix}/${e.name}`],
    )
  } catch {
    return []
  }
}

function load(): Set<string> | null {
  try {
    const file = path.resolve(process.env.NEXT_DIST_DIR || '.next', 'prerender-manifest.json')
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { routes: Record<string, unknown> }
    return new Set([...Object.keys(manifest.routes), ...listPublic(path.resolve('public'))])
  } catch {
    return null // No production build (next dev): everything is rendered on request.
  }
}

/**
 * A path segment as Next names it in the manifest and the output files:
 * decoded, except the characters that would change the path ("/", "#", "?"),
 * which a tag like "AC/DC" or "C#" keeps encoded.
 */
function nextSegment(segment: string): string {
  return decodeURIComponent(segment).normalize('NFC').replace(/[/#?]/g, encodeURIComponent)
}

/** Manifest keys carry the locale segment; the default locale is served without it. */
export function manifestKeys(pathname: string): string[] {
  let key: string
  try {
    key = `/${pathname.split('/').filter(Boolean).map(nextSegment).join('/')}`
  } catch {
    return []
  }
  const first = key.split('/')[1] ?? ''
  const prefixed = segmentToLocale(first) && segmentToLocale(first) !== siteConfig.defaultLocale
  return prefixed ? [key] : [key, `/${localeToSegment(siteConfig.defaultLocale)}${key === '/' ? '' : key}`]
}

/** The key of a page path (locale segment first): also the name of its prerendered HTML file. */
export function pageKey(pathname: string): string | undefined {
  return manifestKeys(pathname).at(-1)
}

/** false only when a production build is known and has no such URL. */
export function routeExists(pathname: string): boolean {
  if (known === undefined) known = load()
  return known === null || manifestKeys(pathname).some((k) => known!.has(k))
}
