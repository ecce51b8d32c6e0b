import type { Paged } from '@/lib/content/types'

/** Page `page` (1-based) of `items`; undefined past the last page, but page 1 of nothing exists. */
export function paginate<T>(items: readonly T[], page: number, size: number): Paged<T> | undefined {
  const totalPages = Math.max(1, Math.ceil(items.length / size))
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return undefined
  return { items: items.slice((page - 1) * size, page * size), page, totalPages, totalItems: items.length }
}

/** Every page number of a list, for generateStaticParams. */
export function pageNumbers(count: number, size: number): number[] {
  return Array.from({ length: Math.max(1, Math.ceil(count / size)) }, (_, i) => i + 1)
}
