import { loadSitemaps, sitemapFileXml, xmlResponse } from '@/lib/sitemaps'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return loadSitemaps().listed.map(({ name }) => ({ file: name }))
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const xml = sitemapFileXml(loadSitemaps(), (await params).file)
  return xml === undefined ? new Response('Not Found', { status: 404 }) : xmlResponse(xml)
}
