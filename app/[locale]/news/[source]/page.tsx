import { sourceRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = sourceRoutes.first.generateStaticParams
export const generateMetadata = sourceRoutes.first.generateMetadata
export default sourceRoutes.first.Page
