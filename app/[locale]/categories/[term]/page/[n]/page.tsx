import { categoryRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = categoryRoutes.paged.generateStaticParams
export const generateMetadata = categoryRoutes.paged.generateMetadata
export default categoryRoutes.paged.Page
