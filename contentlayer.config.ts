/**
 * The typed content model. Every front-matter key of the real files is
 * declared; what pages need beyond that is derived here once, at content
 * build time, by the same functions the app uses (lib/urls, lib/dates, lib/markdown).
 */
import { contentDirExcludeDefault, defineDocumentType, makeSource } from 'contentlayer2/source-files'
import { excludeGlob, readInvalidReport } from './lib/content/check'
import { contentDir } from './lib/content/dir'
import { deriveArticle } from './lib/content/derive'
import { identityFromPath } from './lib/content/identity'
import { paths } from './lib/urls'

function identity(doc: { _raw: { sourceFilePath: string } }) {
  const id = identityFromPath(doc._raw.sourceFilePath)
  if (!id) throw new Error(`path: expected <lang>/news/<source>/<id>.<lang>.md, got ${doc._raw.sourceFilePath}`)
  return { ...id, path: paths.article(id.locale, id.source, id.slug) }
}

export const Article = defineDocumentType(() => ({
  name: 'Article',
  filePathPattern: '*/news/*/*.md',
  contentType: 'markdown',
  fields: {
    title: { type: 'string', required: true },
    // Zone-less strings ("2025-02-07 23:04:54") in the site's zone. Contentlayer's own
    // `date` type parses them in the machine's TZ, so they stay strings here and
    // lib/dates parses them (see computed `publishedAt`).
    date: { type: 'string', required: true },
    publishDate: { type: 'string' },
    lastmod: { type: 'string' },
    expiryDate: { type: 'string' },
    draft: { type: 'boolean', default: false },
    summary: { type: 'string', default: '' },
    lead: { type: 'string', default: '' },
    lang: { type: 'list', of: { type: 'string' }, required: true },
    translations: { type: 'list', of: { type: 'string' }, default: [] },
    categories: { type: 'list', of: { type: 'string' }, default: [] },
    tags: { type: 'list', of: { type: 'string' }, default: [] },
    // Mainroad accepts a menu name or a list of names.
    menu: { type: 'json' },
    // Mainroad accepts a URL or { src, visibility: [list, post] }.
    thumbnail: { type: 'json' },
    comments: { type: 'boolean', default: false },
    authorbox: { type: 'boolean', default: false },
    pager: { type: 'boolean', default: true },
    toc: { type: 'boolean', default: false },
    mathjax: { type: 'boolean', default: false },
    sidebar: { type: 'json' },
    widgets: { type: 'list', of: { type: 'string' } },
  },
  computedFields: {
    locale: { type: 'string', resolve: (doc) => identity(doc).locale },
    source: { type: 'string', resolve: (doc) => identity(doc).source },
    slug: { type: 'string', resolve: (doc) => identity(doc).slug },
    url: { type: 'string', resolve: (doc) => identity(doc).path },
    derived: {
      type: 'json',
      description: 'Identity, URL, dates, rendered HTML and excerpt; see lib/content/derive.ts',
      resolve: (doc) => deriveArticle(doc),
    },
  },
}))

export default makeSource({
  contentDirPath: contentDir(),
  // Files the checker rejected under ALLOW_INVALID=1 are left out here and accounted
  // for by scripts/content-build.ts and the build's reconciliation, never lost silently.
  contentDirExclude: [...contentDirExcludeDefault, ...(readInvalidReport()?.invalid ?? []).map((f) => excludeGlob(f.path))],
  documentTypes: [Article],
  // The alias lives in tsconfig `paths` without `baseUrl` (TypeScript 7 rejects baseUrl).
  disableImportAliasWarning: true,
  // Bodies are rendered by lib/markdown in `derived`, because rendering depends on
  // per-article flags (mathjax) that contentlayer's shared pipeline cannot see.
  // This keeps contentlayer from rendering every body a second time.
  markdown: (builder) => {
    builder.use(function skipContentlayerHtml(this: any) {
      this.parser = () => ({ type: 'root', children: [] })
      this.compiler = () => ''
    })
  },
})
