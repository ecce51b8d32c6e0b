/**
 * Hugo's publication rules, in one place: draft, future (scheduled) and
 * expired articles are built only where drafts are shown (npm run dev).
 */
import type { PublicationStatus } from '@/lib/content/types'

export interface PublicationInput {
  draft?: boolean
  published: number
  expires: number | null
}

export function publicationStatus(doc: PublicationInput, now: number): PublicationStatus {
  if (doc.draft) return 'draft'
  if (doc.published > now) return 'scheduled'
  if (doc.expires !== null && doc.expires <= now) return 'expired'
  return 'published'
}

/** Drafts are shown by `next dev` and nowhere else. */
export function showsUnpublished(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'development'
}
