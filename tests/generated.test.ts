import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { documentFile, generatedStamp, metaFile, readDocumentBody, readGeneratedArticles } from '@/lib/content/generated'

const require = createRequire(import.meta.url)

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

describe('type checking and the generated documents', () => {
  // contentlayer's index.mjs imports every document (bodies included) as JSON: a
  // program that includes it parses them all. At 30k articles `next build`'s
  // type check took 3 GiB and 36 s for that alone, the build's peak memory.
  it.each(['tsconfig.json', 'tsconfig.app.json'])('%s takes the types from the .d.ts files and reads no document', (config) => {
    const out = execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', config, '--listFilesOnly'], { encoding: 'utf8' })
    const generated = out.split('\n').filter((f) => f.includes('/.contentlayer/generated/'))
    expect(generated.map((f) => path.basename(f)).sort()).toEqual(['index.d.ts', 'types.d.ts'])
  })
})
