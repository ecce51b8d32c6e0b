import { tagRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = tagRoutes.paged.generateStaticParams
export const generateMetadata = tagRoutes.paged.generateMetadata
export default tagRoutes.paged.Page
