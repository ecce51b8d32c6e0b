import { describe, expect, it } from 'vitest'
import { manifestKeys, pageKey } from '@/lib/known-pages'

describe('prerender manifest keys of a URL', () => {
  it('adds the default locale segment the root is rewritten to', () => {
    expect(manifestKeys('/news/kanbao/k1000/')).toEqual(['/news/kanbao/k1000', '/en/news/kanbao/k1000'])
    expect(manifestKeys('/')).toEqual(['/', '/en'])
    expect(manifestKeys('/sitemap.xml')).toEqual(['/sitemap.xml', '/en/sitemap.xml'])
  })
  it('keeps other locales as they are and decodes percent-encoding', () => {
    expect(manifestKeys('/zh-cn/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/')).toEqual(['/zh-cn/tags/人工智能'])
    expect(manifestKeys('/zh-hk/index.xml')).toEqual(['/zh-hk/index.xml'])
  })
  it('keeps a slash, hash or question mark inside a segment encoded, as Next names the files', () => {
    expect(manifestKeys('/tags/ac%2Fdc/')).toEqual(['/tags/ac%2Fdc', '/en/tags/ac%2Fdc'])
    expect(pageKey('/zh-cn/tags/c%23/index.xml')).toBe('/zh-cn/tags/c%23/index.xml')
    expect(pageKey('/')).toBe('/en')
  })
  it('has no key for malformed encodings', () => {
    expect(manifestKeys('/tags/%E4%ZZ/')).toEqual([])
  })
})
