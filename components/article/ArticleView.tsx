import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import { siteConfig } from '@/site.config'
import { Meta } from '@/components/article/Meta'
import { Thumbnail } from '@/components/article/Thumbnail'
import { Toc } from '@/components/article/Toc'
import { getArticleBody, getNeighbours, getRelated, getTranslations as getArticleTranslations, type Article } from '@/lib/content'
import { absoluteUrl, paths } from '@/lib/urls'
import { commentsEmbed, commentsEnabled } from '@/lib/comments'
import { showsUnpublished } from '@/lib/content/publication'
import { Comments } from '@/components/article/Comments'

export async function ArticleView({ article }: { article: Article }) {
  const t = await getTranslations({ locale: article.locale, namespace: 'article' })
  const { older, newer } = article.pager ? getNeighbours(article) : {}
  const body = await getArticleBody(article)
  return (
    <article className="post" lang={article.locale}>
      {/* React puts these in <head>; math is rendered to HTML at build time, no client script. */}
      {body.stylesheets.map((href) => <link key={href} rel="stylesheet" href={href} precedence="default" />)}
      <header className="post-header">
        <h1 className="post-title">{article.title}</h1>
        {article.lead && <p className="post-lead">{article.lead}</p>}
        <Meta article={article} translations={getArticleTranslations(article)} />
      </header>
      {article.thumbnail?.inPost && <Thumbnail thumbnail={article.thumbnail} className="post-thumbnail" />}
      {article.toc && <Toc headings={body.headings} title={t('toc')} />}
      {/* Sanitized by lib/markdown (rehype-sanitize) when rendered: article bodies are untrusted. */}
      <div className="post-content" dangerouslySetInnerHTML={{ __html: body.html }} />
      <footer className="post-footer">
        {article.sourceLink && (
          <p className="post-source">
            {t('source')}: <a href={article.sourceLink.url} rel="nofollow noopener noreferrer" target="_blank">{article.sourceLink.name}</a>
          </p>
        )}
        {article.tags.length > 0 && (
          <div className="post-tags">
            <span className="post-tags-label">{t('tags')}:</span>
            <ul className="tag-cloud">
              {article.tags.map((tag) => (
                <li key={tag.slug}><Link href={paths.term(article.locale, 'tags', tag.slug)} rel="tag">{tag.name}</Link></li>
              ))}
            </ul>
          </div>
        )}
      </footer>
      {article.authorbox && (
        <section className="authorbox">
          <h2 className="authorbox-title">{t('about', { name: siteConfig.author.name })}</h2>
          <p>{siteConfig.author.bio}</p>
        </section>
      )}
      <Related article={article} title={t('related')} />
      <CommentThread article={article} />
      {(older || newer) && (
        <nav className="pager" aria-label={t('pager')}>
          {newer && <Link className="pager-newer" href={newer.path} rel="next"><span>{t('newer')}</span> {newer.title}</Link>}
          {older && <Link className="pager-older" href={older.path} rel="prev"><span>{t('older')}</span> {older.title}</Link>}
        </nav>
      )}
    </article>
  )
}

function Related({ article, title }: { article: Article; title: string }) {
  const related = getRelated(article)
  if (related.length === 0) return null
  return (
    <section className="related" aria-labelledby="related-title">
      <h2 id="related-title" className="related-title">{title}</h2>
      <ul>
        {related.map((r) => (
          <li key={r.key}><Link href={r.path}>{r.title}</Link></li>
        ))}
      </ul>
    </section>
  )
}

function CommentThread({ article }: { article: Article }) {
  if (!commentsEnabled(article, siteConfig.comments, showsUnpublished())) return null
  const url = absoluteUrl(article.path)
  const embed = commentsEmbed(siteConfig.comments, url, article.key, article.locale)
  return embed ? <Comments src={embed.src} attributes={embed.attributes} pageUrl={url} pageId={article.key} /> : null
}
