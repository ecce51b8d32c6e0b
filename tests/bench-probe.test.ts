import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cpuProbe } from '@/scripts/bench/probe'

function corpus(bodies: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-probe-'))
  for (const [file, body] of Object.entries(bodies)) {
    fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true })
    fs.writeFileSync(path.join(root, file), `---\ntitle: "t"\ndate: "2025-02-07 23:04:54"\n---\n${body}`)
  }
  return root
}

describe('the bench CPU probe', () => {
  it('renders the same non-empty bodies on every run, so that runs on different days compare', async () => {
    const root = corpus({
      'en/news/a/1.en.md': 'Shares rose **5%**.\n',
      'en/news/a/2.en.md': '\n',
      'zh-CN/news/q/3.zh-CN.md': '恒指升 1%。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    })
    const first = await cpuProbe(root, { bodies: 3, rounds: 2 })
    const second = await cpuProbe(root, { bodies: 3, rounds: 1 })
    expect(first.bodies).toBe(2) // the empty body renders nothing and is not counted
    expect(first.chars).toBe('Shares rose **5%**.\n'.length + '恒指升 1%。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'.length)
    expect(second).toMatchObject({ bodies: first.bodies, chars: first.chars })
    expect(first.seconds).toBeGreaterThan(0)
    fs.rmSync(root, { recursive: true, force: true })
  })
})
