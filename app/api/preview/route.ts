import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'
import { previewTarget, secretMatches } from '@/lib/preview'

// /api/preview?secret=…&path=/news/…/ turns Draft Mode on and opens the page.
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams
  if (!secretMatches(params.get('secret'), process.env.PREVIEW_SECRET)) {
    return new Response('Invalid preview secret\n', { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  ;(await draftMode()).enable()
  redirect(previewTarget(params.get('path')))
}
