import { sourceRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = sourceRoutes.paged.generateStaticParams
export const generateMetadata = sourceRoutes.paged.generateMetadata
export default sourceRoutes.paged.Page
