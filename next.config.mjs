import os from 'node:os'
import createNextIntlPlugin from 'next-intl/plugin'
import { codeFingerprint, rendererVersion } from './scripts/fingerprint.mjs'

// Messages are compiled once at build time (next-intl's precompile): without it every page
// parsed its ICU messages again, ~2 % of static generation at 5k articles.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
})

// Prefixes of the non-default locales; everything else belongs to the default
// locale at the root, as on the Hugo site. Kept literal here because
// next.config is loaded before TypeScript; tests compare it with site.config.ts.
export const localeSegments = ['zh-cn', 'zh-hk']

const dev = process.env.NODE_ENV === 'development'
const https = (process.env.SITE_URL ?? '').startsWith('https://')

/**
 * Every response. Scripts: Next's App Router streams its data in inline scripts
 * and the pages are static (no per-request nonce), so inline scripts must be
 * allowed; article bodies are sanitized at build time, which is what keeps
 * hostile markup from ever becoming a script. Images come from news CDNs over https.
 */
export const securityHeaders = [
  {
    key: 'Content-Security-Policy',
    value: [
      "default-src 'self'",
      `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''} https://giscus.app https://*.disqus.com`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' https: data:",
      "font-src 'self' data:",
      `connect-src 'self'${dev ? ' ws:' : ''}`,
      'frame-src https://giscus.app https://disqus.com',
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'X-Frame-Options', value: 'DENY' },
  ...(https ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
]

/**
 * Prerendered pages and feeds as `npm start` sends them (scripts/static-pages.mjs).
 * They change only when the site is rebuilt, so a CDN may keep them for a year
 * (a deploy purges it) and serve a stale copy while it refetches; browsers
 * recheck after a minute, cheaply, with the ETag.
 */
export const pageCacheControl = 'public, max-age=60, s-maxage=31536000, stale-while-revalidate=86400'

/** The default locale's segment: its pages are served from the root. */
export const defaultLocaleSegment = 'en'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build (the corpus e2e suite) can live beside the first.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  trailingSlash: true,
  // Next's automatic redirect removes the slash from paths whose last segment has a
  // dot, which many article slugs have; proxy.ts adds missing slashes instead.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // The same code builds the same pages (scripts/incremental.ts); scripts/build.ts passes it in.
  generateBuildId: async () => process.env.KANBAO_BUILD_ID || codeFingerprint(),
  experimental: {
    // Static generation is most of a build at news-site scale: use every core.
    cpus: os.availableParallelism(),
    // Inlining measures every page's prefetch segments by rendering and gzipping them
    // again, ~20 % of static generation (5k articles, several runs: 113–132 s → 94–112 s). Without it a link's
    // prefetch asks for its segments one by one; the layouts are shared and cached once.
    prefetchInlining: false,
  },
  reactStrictMode: true,
  env: { KANBAO_RENDERER: rendererVersion() },
  productionBrowserSourceMaps: false,
  typescript: { tsconfigPath: 'tsconfig.app.json' },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Versioned by scripts/katex-assets.mjs: a new KaTeX gets a new path.
      { source: '/assets/katex/:path*', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
    ]
  },
  async rewrites() {
    return {
      // The default locale lives at the root; route it to the [locale] segment
      // with a rewrite instead of a proxy, so no request pays for locale
      // negotiation. afterFiles: public files and metadata routes win first.
      afterFiles: [
        { source: '/', destination: '/en/' },
        // Whole-segment exclusions: "/energy/" is the default locale's, "/en/" is not.
        { source: `/:first((?!(?:${[...localeSegments, defaultLocaleSegment, '_next', 'api', 'sitemaps'].join('|')})(?:/|$))[^/]+)/:rest*`, destination: '/en/:first/:rest*' },
      ],
    }
  },
  async redirects() {
    const locale = `:locale(${localeSegments.join('|')})`
    return [
      // Hugo served /en/… as an alias of the root.
      { source: '/en', destination: '/', permanent: true },
      { source: '/en/:rest+', destination: '/:rest+/', permanent: true },
      // Hugo paginated the taxonomy indexes; Kanbao lists every term on one page.
      { source: '/:taxonomy(tags|categories)/page/:n(\\d+)', destination: '/:taxonomy/', permanent: true },
      { source: `/${locale}/:taxonomy(tags|categories)/page/:n(\\d+)`, destination: '/:locale/:taxonomy/', permanent: true },
    ]
  },
}

export default withNextIntl(nextConfig)
