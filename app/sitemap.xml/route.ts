import { loadSitemaps, sitemapIndexXml, xmlResponse } from '@/lib/sitemaps'

export const dynamic = 'force-static'

export function GET(): Response {
  return xmlResponse(sitemapIndexXml(loadSitemaps().listed))
}
