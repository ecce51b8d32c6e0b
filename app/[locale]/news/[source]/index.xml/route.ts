import { feedHandler, sourceFeedParams } from '@/lib/feeds'

export const dynamic = 'force-static'
export const dynamicParams = false
export const generateStaticParams = sourceFeedParams
export const GET = feedHandler('rss', ({ source }) => ({ kind: 'source', source }))
