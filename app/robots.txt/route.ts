import { loadSitemaps, siteRobotsTxt } from '@/lib/sitemaps'

export const dynamic = 'force-static'

export function GET(): Response {
  return new Response(siteRobotsTxt(loadSitemaps()), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
