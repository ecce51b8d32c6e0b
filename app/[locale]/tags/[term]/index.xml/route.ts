import { feedHandler, termFeedParams } from '@/lib/feeds'

export const dynamic = 'force-static'
export const dynamicParams = false
export const generateStaticParams = () => termFeedParams('tags')
export const GET = feedHandler('rss', ({ term }) => ({ kind: 'term', taxonomy: 'tags', slug: term }))
