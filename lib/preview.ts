/** Rules of the preview endpoint, kept apart from Next so they can be tested plainly. */
import { timingSafeEqual } from 'node:crypto'
import { parsePath, toPath } from '@/lib/urls'

/** No secret configured means no preview at all. */
export function secretMatches(given: string | null, expected: string | undefined): boolean {
  if (!expected || !given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Only a page of this site (never another host: no open redirect); the home page otherwise. */
export function previewTarget(path: string | null): string {
  const parsed = path && path.startsWith('/') && !path.startsWith('//') ? parsePath(path) : undefined
  return parsed ? toPath(parsed) : '/'
}
