import { describe, expect, it } from 'vitest'
import { previewTarget, secretMatches } from '@/lib/preview'

describe('preview endpoint rules', () => {
  it('needs a configured secret that matches exactly', () => {
    expect(secretMatches('s3cret', 's3cret')).toBe(true)
    expect(secretMatches('s3cre', 's3cret')).toBe(false)
    expect(secretMatches(null, 's3cret')).toBe(false)
    expect(secretMatches('', '')).toBe(false)
    expect(secretMatches('anything', undefined)).toBe(false)
  })
  it('only opens pages of this site', () => {
    expect(previewTarget('/news/kanbao/k1900/')).toBe('/news/kanbao/k1900/')
    expect(previewTarget('/zh-cn/news/qq/x')).toBe('/zh-cn/news/qq/x/')
    expect(previewTarget('//evil.example/x')).toBe('/')
    expect(previewTarget('https://evil.example/')).toBe('/')
    expect(previewTarget('/not/a/page/at/all/')).toBe('/')
    expect(previewTarget(null)).toBe('/')
  })
})
