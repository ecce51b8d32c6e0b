import { tagRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = tagRoutes.first.generateStaticParams
export const generateMetadata = tagRoutes.first.generateMetadata
export default tagRoutes.first.Page
