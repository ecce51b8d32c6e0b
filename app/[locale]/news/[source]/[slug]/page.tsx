import { ArticlePage, generateArticleMetadata, generateArticleParams } from '@/components/routes/article'

export const dynamicParams = false
export const generateStaticParams = generateArticleParams
export const generateMetadata = generateArticleMetadata
export default ArticlePage
