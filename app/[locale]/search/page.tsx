import { SearchPage, generateSearchMetadata } from '@/components/routes/search'

export const generateMetadata = generateSearchMetadata
export default SearchPage
