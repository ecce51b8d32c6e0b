import { localeParams } from '@/components/routes/params'
import { tagsIndex } from '@/components/routes/taxonomy'

export const dynamicParams = false
export const generateStaticParams = localeParams
export const generateMetadata = tagsIndex.generateMetadata
export default tagsIndex.Page
