import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { documentFile, generatedStamp, metaFile, readDocumentBody, readGeneratedArticles } from '@/lib/content/generated'

describe('reading the generated documents', () => {
  const before = process.env.CONTENTLAYER_DIR
  afterEach(() => {
    process.env.CONTENTLAYER_DIR = before
  })

  function generated() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-gen-'))
    process.env.CONTENTLAYER_DIR = dir
    fs.mkdirSync(path.join(dir, 'generated', 'Article'), { recursive: true })
    return dir
  }

  it("reads an article's body from the document's own file", () => {
    generated()
    fs.writeFileSync(documentFile('en/news/a/1.en.md'), JSON.stringify({ body: { raw: 'from its file' } }))
    expect(readDocumentBody('en/news/a/1.en.md')).toBe('from its file')
  })

  it('fails, naming the file, for a document that is not there', () => {
    generated()
    expect(() => readDocumentBody('en/news/a/gone.en.md')).toThrow(/gone\.en\.md/)
  })

  it('lists the bodiless documents and says how to build them when they are missing', () => {
    generated()
    expect(() => readGeneratedArticles()).toThrow(/_meta\.json.*npm run content/)
    expect(generatedStamp()).toBe(0)
    fs.writeFileSync(metaFile(), JSON.stringify([{ title: 'One' }]))
    expect(readGeneratedArticles()).toEqual([{ title: 'One' }])
    expect(generatedStamp()).toBeGreaterThan(0)
  })
})
