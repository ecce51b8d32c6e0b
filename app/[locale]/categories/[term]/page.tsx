import { categoryRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = categoryRoutes.first.generateStaticParams
export const generateMetadata = categoryRoutes.first.generateMetadata
export default categoryRoutes.first.Page
