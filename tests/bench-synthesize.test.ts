import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addNewArticles, synthesize } from '@/scripts/bench/synthesize'
import { splitSourceLink } from '@/lib/content/source-link'
import { renderMarkdown } from '@/lib/markdown/render'

const front = (date: string, title: string, nl = '\n') =>
  ['---', `title: "${title}"`, `date: "${date}"`, 'tags:', '  - "benzinga"', '---', ''].join(nl)

function corpus(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-synth-'))
  const put = (file: string, text: string) => {
    fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true })
    fs.writeFileSync(path.join(root, file), text)
  }
  put('en/news/benzinga/a1.en.md', `${front('2025-02-07 23:04:54', 'Shares rise')}Shares rose **5%**.\n\n[benzinga](https://www.benzinga.com/a1)\n`)
  put('zh-CN/news/qq/q1.zh-CN.md', `${front('2025-02-06 08:00:00', '空正文')}\n`)
  put('zh-HK/news/hk/h1.zh-HK.md', `${front('2025-02-05 10:00:00', '港股', '\r\n')}恒指升 1%。\r\n`)
  return root
}

const bodyOf = (text: string) => text.slice(text.indexOf('\n---', 3) + 5)

describe('the bench data set', () => {
  it('gives every copy a body of its own that renders like the original', async () => {
    const source = corpus()
    const out = path.join(source, '..', `${path.basename(source)}-out`)
    const made = synthesize({ corpus: source, out, articles: 9, seed: 1 })
    expect(made.articles).toBe(9)
    const files = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))
    expect(files).toHaveLength(9)

    const texts = files.map((f) => fs.readFileSync(path.join(out, f), 'utf8'))
    const english = texts.filter((t) => t.includes('Shares rise'))
    // No two copies share a body (a shared one would be rendered once, through the body cache).
    expect(new Set(english.map(bodyOf)).size).toBe(english.length)
    const original = fs.readFileSync(path.join(source, 'en/news/benzinga/a1.en.md'), 'utf8')
    for (const copy of english) {
      // The source link is still the body's last line, and the mark renders to nothing.
      const { body, sourceLink } = splitSourceLink(bodyOf(copy))
      expect(sourceLink).toEqual({ name: 'benzinga', url: 'https://www.benzinga.com/a1' })
      expect((await renderMarkdown(body, { math: false })).html).toBe(
        (await renderMarkdown(splitSourceLink(bodyOf(original)).body, { math: false })).html,
      )
    }
    // An empty body stays empty: it is one of the corpus's quirks.
    for (const t of texts.filter((t) => t.includes('空正文'))) expect(bodyOf(t).trim()).toBe('')
    // Everything but the date and the mark is the original's, CRs included.
    for (const t of texts.filter((t) => t.includes('港股'))) {
      expect(t).toMatch(/^---\r\ntitle: "港股"\r\ndate: "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"\r\ntags:\r\n  - "benzinga"\r\n---\r\n<!-- bench copy b\d+ -->\n\n恒指升 1%。\r\n$/)
    }

    // The next day's news are copies too, and still of their own.
    const added = addNewArticles({ dataset: out, count: 4, seed: 2 })
    const all = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))
    const bodies = all.map((f) => bodyOf(fs.readFileSync(path.join(out, f), 'utf8'))).filter((b) => b.trim())
    expect(added).toHaveLength(4)
    expect(new Set(bodies).size).toBe(bodies.length)
  })
})
