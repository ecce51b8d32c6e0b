import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'
import { previewTarget } from '@/lib/preview'

// Turns Draft Mode off and goes back to the page (or home).
export async function GET(request: Request) {
  ;(await draftMode()).disable()
  redirect(previewTarget(new URL(request.url).searchParams.get('path')))
}
