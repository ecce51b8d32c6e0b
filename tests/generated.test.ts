import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { documentFile, readDocumentBody } from '@/lib/content/generated'

describe('reading an article body from the generated documents', () => {
  const before = process.env.CONTENTLAYER_DIR
  afterEach(() => {
    process.env.CONTENTLAYER_DIR = before
  })

  function generated(docs: { path: string; body: string }[]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-gen-'))
    process.env.CONTENTLAYER_DIR = dir
    fs.mkdirSync(path.join(dir, 'generated', 'Article'), { recursive: true })
    const index = docs.map((d) => ({ _raw: { sourceFilePath: d.path }, body: { raw: d.body } }))
    fs.writeFileSync(path.join(dir, 'generated', 'Article', '_index.json'), JSON.stringify(index))
    return dir
  }

  it("reads the document's own file", () => {
    generated([{ path: 'en/news/a/1.en.md', body: 'from the index' }])
    fs.writeFileSync(documentFile('en/news/a/1.en.md'), JSON.stringify({ body: { raw: 'from its file' } }))
    expect(readDocumentBody('en/news/a/1.en.md')).toBe('from its file')
  })

  it('takes the body from the index while dev has not yet written a new document\'s file', () => {
    generated([{ path: 'en/news/a/new.en.md', body: 'just saved' }])
    expect(readDocumentBody('en/news/a/new.en.md')).toBe('just saved')
  })

  it('still fails, naming the file, for a document that exists nowhere', () => {
    generated([])
    expect(() => readDocumentBody('en/news/a/gone.en.md')).toThrow(/gone\.en\.md/)
  })
})
