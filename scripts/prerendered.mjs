// The pages and files `next build` prerendered once and for all, as read from its
// prerender manifest. Plain .mjs: `npm start` reads it without TypeScript.
import fs from 'node:fs'
import path from 'node:path'

/**
 * @param {string} dist the build's dist dir
 * @param {{ nextErrorPages?: boolean }} [options] nextErrorPages: Next's own 404 and error
 *   pages too (`/_not-found`, `/_global-error`), which `npm start` leaves to Next for their status
 * @returns {{ key: string, page: boolean, file: string, meta: string }[]} key is Next's
 *   (lib/known-pages.ts); page is false for route handlers (feeds, sitemaps), whose
 *   output is a `.body` file rather than HTML with RSC data.
 */
export function prerenderedRoutes(dist, { nextErrorPages = false } = {}) {
  const appDir = path.join(dist, 'server', 'app')
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'prerender-manifest.json'), 'utf8'))
  const routes = []
  for (const [key, route] of Object.entries(manifest.routes)) {
    if (route.initialRevalidateSeconds !== false) continue // Revalidating pages stay with Next.
    if (key.startsWith('/_') && !nextErrorPages) continue
    const page = Boolean(route.dataRoute)
    routes.push({ key, page, file: path.join(appDir, page ? `${key}.html` : `${key}.body`), meta: path.join(appDir, `${key}.meta`) })
  }
  return routes
}
