import { describe, expect, it } from 'vitest'
import { commentsEmbed, commentsEnabled } from '@/lib/comments'

const giscus = { provider: 'giscus', repo: 'o/r', repoId: 'R1', category: 'News', categoryId: 'C1' } as const

describe('comments', () => {
  it('load only for published articles that ask for them, with a provider, outside dev', () => {
    const article = { comments: true, status: 'published' } as const
    expect(commentsEnabled(article, giscus, false)).toBe(true)
    expect(commentsEnabled({ ...article, comments: false }, giscus, false)).toBe(false)
    expect(commentsEnabled(article, { provider: 'none' }, false)).toBe(false)
    expect(commentsEnabled(article, giscus, true)).toBe(false)
    expect(commentsEnabled({ ...article, status: 'draft' }, giscus, false)).toBe(false)
  })
  it('embeds each provider with the page identity', () => {
    expect(commentsEmbed(giscus, 'https://x/a/', 'en/a/b', 'zh-CN')?.attributes['data-lang']).toBe('zh-CN')
    expect(commentsEmbed({ provider: 'disqus', shortname: 'bulwark' }, 'https://x/a/', 'en/a/b', 'en')?.src).toBe('https://bulwark.disqus.com/embed.js')
    expect(commentsEmbed({ provider: 'none' }, 'u', 'i', 'en')).toBeUndefined()
  })
})
