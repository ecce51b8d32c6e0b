import { ArticlePage, generateArticleMetadata, generateArticleParams } from '@/components/routes/article'

// Unknown URLs never get here (proxy.ts answers them from the prerender manifest);
// on-demand rendering is what lets Draft Mode preview an unpublished article.
export const dynamicParams = true
export const generateStaticParams = generateArticleParams
export const generateMetadata = generateArticleMetadata
export default ArticlePage
