/** The app's own article types: pages never see contentlayer's shapes. */
import type { Locale, WidgetName, SidebarPosition } from '@/site.config'
import type { Heading } from '@/lib/markdown/render'
import type { SourceLink } from '@/lib/content/source-link'

export type { Locale, Heading, SourceLink }

/** Hugo's publication states; only `published` reaches a production build. */
export type PublicationStatus = 'published' | 'draft' | 'scheduled' | 'expired'

export interface Term {
  /** As written in front matter ("Dow Jones Newswires", "人工智能"). */
  name: string
  /** Hugo's urlize of the name; the key two spellings differing by case share. */
  slug: string
}

export interface Thumbnail {
  src: string
  inList: boolean
  inPost: boolean
}

/** What lists, widgets and feeds need: no body. */
export interface ArticleSummary {
  /** "<locale>/<source>/<slug>", unique across the site. */
  key: string
  locale: Locale
  source: string
  slug: string
  path: string
  title: string
  summary: string
  excerpt: string
  lead: string
  published: Date
  modified: Date
  status: PublicationStatus
  categories: Term[]
  tags: Term[]
  thumbnail?: Thumbnail
  readingMinutes: number
  translations: Locale[]
  menus: string[]
  /** Content-relative path of the Markdown file, for error messages. */
  file: string
}

/** The rendered body: sanitized HTML, the headings for the table of contents, the stylesheets it needs. */
export interface ArticleBody {
  html: string
  headings: Heading[]
  stylesheets: string[]
}

export interface Article extends ArticleSummary {
  sourceLink?: SourceLink
  sidebar: SidebarPosition
  widgets: WidgetName[]
  pager: boolean
  authorbox: boolean
  comments: boolean
  toc: boolean
  mathjax: boolean
}

export interface Paged<T> {
  items: T[]
  page: number
  totalPages: number
  totalItems: number
}

export interface TermCount extends Term {
  count: number
}
