/**
 * Runs before every page request (not Next's own assets):
 * - Canonical URLs: Hugo's pages all end in "/" and use lowercase locale
 *   prefixes. Next's trailing-slash redirect would strip the slash from slugs
 *   with a dot ("tagreuters.com2025…/"), so it is off and this adds it; other
 *   spellings of a page (/ZH-CN/, %e4, /page/1/) redirect to the one we link to.
 * - Unknown pages get the localized 404 page, rendered on the server, with
 *   status 404 (see lib/known-pages.ts).
 * - next-intl learns the path's locale, for pages rendered on request.
 * - Methods other than GET and HEAD get 405.
 * Files (feeds, sitemaps, robots.txt, public/) that exist pass through untouched.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { parsePath, toPath } from '@/lib/urls'
import { localeToSegment, segmentToLocale } from '@/lib/i18n'
import { routeExists } from '@/lib/known-pages'
import { siteConfig } from '@/site.config'

function decoded(path: string): string | undefined {
  try {
    return decodeURIComponent(path).normalize('NFC')
  } catch {
    return undefined
  }
}

export function proxy(request: NextRequest) {
  // A static site: pages, feeds and the search page answer GET and HEAD only.
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new NextResponse('Method Not Allowed\n', { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const url = new URL(request.url)
  const parsed = parsePath(url.pathname)
  const locale = parsed?.locale ?? segmentToLocale(url.pathname.split('/')[1] ?? '') ?? siteConfig.defaultLocale
  const headers = new Headers(request.headers)
  headers.set('X-NEXT-INTL-LOCALE', locale)

  if (parsed) {
    const canonical = toPath(parsed)
    if (decoded(url.pathname) !== decoded(canonical)) {
      url.pathname = canonical
      return NextResponse.redirect(url, 308)
    }
    // The search page is rendered per request; Draft Mode (its bypass cookie) previews
    // unpublished articles, which have no prerendered page.
    const dynamic = parsed.kind === 'search' || request.cookies.has('__prerender_bypass')
    if (dynamic || routeExists(canonical)) return NextResponse.next({ request: { headers } })
  } else if (url.pathname.startsWith('/api/') || (!url.pathname.endsWith('/') && routeExists(url.pathname))) {
    // Feeds, sitemaps, robots.txt, public files and the preview endpoints.
    return NextResponse.next({ request: { headers } })
  }
  // nextUrl: Next's own spelling of this server's origin, which it compares with a
  // rewrite's to keep the rewrite on this server (see also scripts/start.mjs).
  const notFound = request.nextUrl.clone()
  notFound.pathname = `/${localeToSegment(locale)}/page-not-found/`
  notFound.search = ''
  return NextResponse.rewrite(notFound, { status: 404, request: { headers } })
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
}
