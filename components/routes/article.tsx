import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getArticle, getArticles, getTranslations as getArticleTranslations, type Article } from '@/lib/content'
import { pageMetadata } from '@/lib/metadata'
import { readLocale, readSegment } from '@/components/routes/params'
import { PageLayout } from '@/components/layout/PageLayout'
import { ArticleView } from '@/components/article/ArticleView'
import { siteConfig, type Locale } from '@/site.config'
import { localeToSegment } from '@/lib/i18n'

type Props = { params: Promise<{ locale: string; source: string; slug: string }> }

async function load(props: Props): Promise<Article> {
  const { locale, source, slug } = await props.params
  const article = getArticle(readLocale(locale), readSegment(source), readSegment(slug))
  if (!article) notFound()
  return article
}

function alternates(article: Article): Partial<Record<Locale, string>> {
  const map: Partial<Record<Locale, string>> = { [article.locale]: article.path }
  for (const t of getArticleTranslations(article)) map[t.locale] = t.path
  return map
}

export async function ArticlePage(props: Props) {
  const article = await load(props)
  return (
    <PageLayout locale={article.locale} sidebar={article.sidebar} widgets={article.widgets} alternates={alternates(article)}>
      <ArticleView article={article} />
    </PageLayout>
  )
}

export async function generateArticleMetadata(props: Props): Promise<Metadata> {
  const article = await load(props)
  return pageMetadata({
    locale: article.locale,
    title: article.title,
    description: article.summary || article.excerpt,
    path: article.path,
    alternates: alternates(article),
  })
}

export async function generateArticleParams() {
  return siteConfig.locales.flatMap((locale) =>
    getArticles(locale).map((a) => ({ locale: localeToSegment(locale), source: a.source, slug: a.slug })),
  )
}
