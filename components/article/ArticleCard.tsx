import Link from '@/components/Link'
import { getTranslations } from 'next-intl/server'
import { Meta } from '@/components/article/Meta'
import { Thumbnail } from '@/components/article/Thumbnail'
import type { ArticleSummary } from '@/lib/content'

export async function ArticleCard({ article }: { article: ArticleSummary }) {
  const t = await getTranslations({ locale: article.locale, namespace: 'list' })
  return (
    <article className="card">
      {article.thumbnail?.inList && <Thumbnail thumbnail={article.thumbnail} className="card-thumbnail" />}
      <div className="card-body">
        <h2 className="card-title"><Link href={article.path}>{article.title}</Link></h2>
        <Meta article={article} />
        <p className="card-excerpt">{article.summary || article.excerpt}</p>
        <Link className="read-more" href={article.path}>
          {t('readMore')}
          <span className="visually-hidden">: {article.title}</span>
        </Link>
      </div>
    </article>
  )
}
