import { describe, expect, it } from 'vitest'
import { formatDateTime, parseSiteDate, toZonedIso } from '@/lib/dates'

// vitest.config.ts runs this suite with TZ=America/Los_Angeles: a result that
// leaned on the machine's zone would come out 16 hours off.

describe('front-matter dates are read in Asia/Shanghai', () => {
  it('reads a zone-less date as Shanghai time', () => {
    expect(parseSiteDate('2025-02-07 23:04:54')?.toISOString()).toBe('2025-02-07T15:04:54.000Z')
    expect(parseSiteDate('2025-02-07T23:04:54')?.toISOString()).toBe('2025-02-07T15:04:54.000Z')
    expect(parseSiteDate('2025-02-07')?.toISOString()).toBe('2025-02-06T16:00:00.000Z')
  })
  it('honours an explicit zone', () => {
    expect(parseSiteDate('2025-02-07T23:04:54Z')?.toISOString()).toBe('2025-02-07T23:04:54.000Z')
    expect(parseSiteDate('2025-02-07T23:04:54+02:00')?.toISOString()).toBe('2025-02-07T21:04:54.000Z')
  })
  it('rejects impossible and malformed dates', () => {
    for (const bad of ['2025-02-30 10:00:00', '2025-13-01', '2025-02-07 25:00:00', 'yesterday', '', undefined, 42]) {
      expect(parseSiteDate(bad), String(bad)).toBeUndefined()
    }
  })
  it('shows readers the Shanghai wall-clock time and an ISO string with +08:00', () => {
    const d = parseSiteDate('2025-02-07 23:04:54')!
    expect(formatDateTime(d, 'en')).toBe('2025-02-07 23:04:54')
    expect(formatDateTime(d, 'zh-CN')).toBe('2025-02-07 23:04:54')
    expect(toZonedIso(d)).toBe('2025-02-07T23:04:54+08:00')
    expect(formatDateTime(parseSiteDate('2025-02-08 00:00:00')!, 'zh-HK')).toBe('2025-02-08 00:00:00')
  })
  it('formats the same instant again for another zone, not from what it remembered', () => {
    const d = parseSiteDate('2025-02-07 23:04:54')!
    expect(toZonedIso(d)).toBe('2025-02-07T23:04:54+08:00')
    expect(toZonedIso(d, 'UTC')).toBe('2025-02-07T15:04:54Z')
    expect(formatDateTime(d, 'en')).toBe('2025-02-07 23:04:54')
    expect(formatDateTime(d, 'en', 'America/New_York')).toBe('2025-02-07 10:04:54')
    expect(formatDateTime(new Date(d.getTime() + 1000), 'en')).toBe('2025-02-07 23:04:55')
  })
})
