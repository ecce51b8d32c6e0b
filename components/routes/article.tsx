import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getArticle, getArticles, getTranslations as getArticleTranslations, type Article } from '@/lib/content'
import { getTranslations } from 'next-intl/server'
import { pageMetadata } from '@/lib/metadata'
import { articlesToRender } from '@/lib/content/build-plan'
import { breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/structured-data'
import { feedLinks } from '@/lib/feeds'
import { paths } from '@/lib/urls'
import { JsonLd } from '@/components/JsonLd'
import { isPreview } from '@/components/routes/preview'
import { readLocale, readSegment } from '@/components/routes/params'
import { PageLayout } from '@/components/layout/PageLayout'
import { ArticleView } from '@/components/article/ArticleView'
import { siteConfig, type Locale } from '@/site.config'
import { localeToSegment } from '@/lib/i18n'

type Props = { params: Promise<{ locale: string; source: string; slug: string }> }

async function load(props: Props): Promise<Article> {
  const { locale, source, slug } = await props.params
  const article = getArticle(readLocale(locale), readSegment(source), readSegment(slug), { includeUnpublished: await isPreview() })
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
  const t = await getTranslations({ locale: article.locale, namespace: 'nav' })
  const crumbs = [
    { name: t('home'), path: paths.home(article.locale) },
    { name: article.source, path: paths.source(article.locale, article.source) },
    { name: article.title, path: article.path },
  ]
  return (
    <PageLayout locale={article.locale} sidebar={article.sidebar} widgets={article.widgets} alternates={alternates(article)}>
      <JsonLd data={newsArticleJsonLd(article)} />
      <JsonLd data={breadcrumbJsonLd(crumbs)} />
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
    feeds: feedLinks(article.locale, paths.home(article.locale)),
    article: {
      published: article.published,
      modified: article.modified,
      section: article.categories[0]?.name,
      tags: article.tags.map((t) => t.name),
      image: article.thumbnail?.src,
    },
  })
}

export async function generateArticleParams() {
  return siteConfig.locales.flatMap((locale) =>
    articlesToRender(getArticles(locale)).map((a) => ({ locale: localeToSegment(locale), source: a.source, slug: a.slug })),
  )
}
