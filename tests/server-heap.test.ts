import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { heapLimitMb, heapNeededMb } from '@/scripts/server-heap.mjs'

describe('the heap npm start asks for', () => {
  function dist(indexMb: number[]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-heap-'))
    fs.mkdirSync(path.join(dir, 'kanbao'))
    indexMb.forEach((mb, i) => fs.writeFileSync(path.join(dir, 'kanbao', `search-${i}.json`), Buffer.alloc(mb * 2 ** 20)))
    return dir
  }

  it("fits Node's default heap for a small site and grows with the search indexes", () => {
    const small = heapNeededMb(dist([1, 2]))
    expect(small).toBeLessThan(heapLimitMb())
    expect(heapNeededMb(dist([4, 6]))).toBeGreaterThan(small + 7 * 6) // ~6x the files' size, loaded
  })
})
