import { sectionRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = sectionRoutes.paged.generateStaticParams
export const generateMetadata = sectionRoutes.paged.generateMetadata
export default sectionRoutes.paged.Page
