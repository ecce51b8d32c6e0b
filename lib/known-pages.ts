/**
 * Which page URLs exist, from the build's own prerender manifest. The proxy
 * uses it to answer unknown pages with the server-rendered 404 page: Next
 * renders a notFound() thrown by a page on the client only (next.js#62228),
 * which leaves crawlers and readers without JavaScript a blank page.
 */
import fs from 'node:fs'
import path from 'node:path'
import { siteConfig } from '@/site.config'
import { localeToSegment } from '@/lib/i18n'
import type { ParsedPath } from '@/lib/urls'

let known: Set<string> | null | undefined

function load(): Set<string> | null {
  try {
    const file = path.resolve(process.env.NEXT_DIST_DIR || '.next', 'prerender-manifest.json')
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { routes: Record<string, unknown> }
    return new Set(Object.keys(manifest.routes))
  } catch {
    return null // No production build (next dev): every page is rendered on request.
  }
}

/** The key of a page in the manifest: locale segment first, decoded, no trailing slash. */
export function manifestKey(canonicalPath: string, parsed: ParsedPath): string {
  const prefix = siteConfig.localePrefixes[parsed.locale]
  const rest = decodeURIComponent(canonicalPath.slice(prefix.length)).replace(/\/$/, '')
  return `/${localeToSegment(parsed.locale)}${rest}`
}

/** false only when a production build is known and does not have this page. */
export function pageExists(canonicalPath: string, parsed: ParsedPath): boolean {
  if (parsed.kind === 'search') return true
  if (known === undefined) known = load()
  return known === null || known.has(manifestKey(canonicalPath, parsed))
}
