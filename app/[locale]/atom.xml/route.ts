import { feedHandler, homeFeedParams } from '@/lib/feeds'

export const dynamic = 'force-static'
export const dynamicParams = false
export const generateStaticParams = homeFeedParams
export const GET = feedHandler('atom', () => ({ kind: 'home' }))
