import { draftMode } from 'next/headers'

/** Draft Mode (turned on by /api/preview with PREVIEW_SECRET); false at build time. */
export async function isPreview(): Promise<boolean> {
  try {
    return (await draftMode()).isEnabled
  } catch {
    return false
  }
}
