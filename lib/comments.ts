/** Whether an article shows a comment thread, and where the provider's script comes from. */
import type { CommentsConfig } from '@/site.config'
import type { Article } from '@/lib/content'

export function commentsEnabled(article: Pick<Article, 'comments' | 'status'>, config: CommentsConfig, dev: boolean): boolean {
  // Never in dev (threads would be created for local URLs) and never for unpublished articles.
  return article.comments && config.provider !== 'none' && !dev && article.status === 'published'
}

/** The script to load and its data attributes, per provider. */
export function commentsEmbed(config: CommentsConfig, pageUrl: string, pageId: string, locale: string): { src: string; attributes: Record<string, string> } | undefined {
  switch (config.provider) {
    case 'disqus':
      return { src: `https://${config.shortname}.disqus.com/embed.js`, attributes: { 'data-page-url': pageUrl, 'data-page-identifier': pageId } }
    case 'giscus':
      return {
        src: 'https://giscus.app/client.js',
        attributes: {
          'data-repo': config.repo, 'data-repo-id': config.repoId, 'data-category': config.category, 'data-category-id': config.categoryId,
          'data-mapping': 'pathname', 'data-lang': locale === 'en' ? 'en' : locale, 'data-loading': 'lazy', crossorigin: 'anonymous',
        },
      }
    default:
      return undefined
  }
}
