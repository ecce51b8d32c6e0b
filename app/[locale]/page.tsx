import { homeRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = homeRoutes.first.generateStaticParams
export const generateMetadata = homeRoutes.first.generateMetadata
export default homeRoutes.first.Page
