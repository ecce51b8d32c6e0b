import { sectionRoutes } from '@/components/routes/lists'

export const dynamicParams = false
export const generateStaticParams = sectionRoutes.first.generateStaticParams
export const generateMetadata = sectionRoutes.first.generateMetadata
export default sectionRoutes.first.Page
