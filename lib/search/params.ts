/** Reads the search page's query string defensively: anything odd becomes "no filter", never an error. */
import { parseSiteDate } from '@/lib/dates'
import { fromParam } from '@/lib/urls'
import type { SearchQuery } from '@/lib/search/engine'

export const MAX_QUERY_LENGTH = 200
export const SEARCH_PAGE_SIZE = 10

type Raw = Record<string, string | string[] | undefined>

function first(raw: Raw, key: string): string {
  const v = raw[key]
  return (Array.isArray(v) ? v[0] : v) ?? ''
}

export interface SearchForm {
  q: string
  source: string
  tag: string
  from: string
  to: string
}

export function readSearchParams(raw: Raw): { form: SearchForm; query: SearchQuery } {
  const form: SearchForm = {
    q: first(raw, 'q').trim().slice(0, MAX_QUERY_LENGTH),
    source: first(raw, 'source').trim().toLowerCase().slice(0, 100),
    tag: (fromParam(first(raw, 'tag')) ?? '').trim().toLowerCase().slice(0, 100),
    from: /^\d{4}-\d{2}-\d{2}$/.test(first(raw, 'from')) ? first(raw, 'from') : '',
    to: /^\d{4}-\d{2}-\d{2}$/.test(first(raw, 'to')) ? first(raw, 'to') : '',
  }
  const page = /^[1-9]\d{0,3}$/.test(first(raw, 'page')) ? Number(first(raw, 'page')) : 1
  const from = form.from ? parseSiteDate(`${form.from} 00:00:00`)?.getTime() : undefined
  const to = form.to ? parseSiteDate(`${form.to} 23:59:59`)?.getTime() : undefined
  return {
    form,
    query: { q: form.q, source: form.source || undefined, tag: form.tag || undefined, from, to, page, pageSize: SEARCH_PAGE_SIZE },
  }
}

/** The query string of a search page, for pagination links and the API. */
export function searchQueryString(form: SearchForm, page = 1): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) if (v) params.set(k, v)
  if (page > 1) params.set('page', String(page))
  return params.toString()
}
