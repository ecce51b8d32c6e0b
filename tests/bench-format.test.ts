import { describe, expect, it } from 'vitest'
import { sec } from '../scripts/bench/format'

describe("the bench's durations", () => {
  it('round the whole duration, so a minute never shows 60 seconds', () => {
    expect(sec(3479.6)).toBe('58 min 0 s')
    expect(sec(3479.4)).toBe('57 min 59 s')
    expect(sec(125)).toBe('2 min 5 s')
    expect(sec(119.96)).toBe('2 min 0 s')
  })

  it('keep decimals below two minutes', () => {
    expect(sec(9.5)).toBe('9.50 s')
    expect(sec(44.74)).toBe('44.7 s')
  })
})
