import { homeRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = homeRoutes.paged.generateStaticParams
export const generateMetadata = homeRoutes.paged.generateMetadata
export default homeRoutes.paged.Page
