// The pages and files `next build` prerendered once and for all, as read from its
// prerender manifest. Plain .mjs: `npm start` reads it without TypeScript.
import fs from 'node:fs'
import path from 'node:path'

/**
 * @param {string} dist the build's dist dir
 * @param {{ all?: boolean }} [options] all: also the routes `npm start` leaves to Next, Next's
 *   own 404 and error pages (`/_not-found`, `/_global-error`) and pages that revalidate
 * @returns {{ key: string, page: boolean, file: string, meta: string }[]} key is Next's
 *   (lib/known-pages.ts); page is false for route handlers (feeds, sitemaps), whose
 *   output is a `.body` file rather than HTML with RSC data.
 */
export function prerenderedRoutes(dist, { all = false } = {}) {
  const appDir = path.join(dist, 'server', 'app')
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'prerender-manifest.json'), 'utf8'))
  const routes = []
  for (const [key, route] of Object.entries(manifest.routes)) {
    if (!all && (route.initialRevalidateSeconds !== false || key.startsWith('/_'))) continue
    const page = Boolean(route.dataRoute)
    routes.push({ key, page, file: path.join(appDir, page ? `${key}.html` : `${key}.body`), meta: path.join(appDir, `${key}.meta`) })
  }
  return routes
}
