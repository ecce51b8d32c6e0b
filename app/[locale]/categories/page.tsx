import { localeParams } from '@/components/routes/params'
import { categoriesIndex } from '@/components/routes/taxonomy'

export const dynamicParams = false
export const generateStaticParams = localeParams
export const generateMetadata = categoriesIndex.generateMetadata
export default categoriesIndex.Page
