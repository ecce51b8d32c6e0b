import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'

const dist = process.env.NEXT_DIST_DIR ?? '.next-e2e'

function traces(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.nft.json')).map((f) => path.join(dir, f))
}

// A route's output trace lists the files it may read at run time. Traced one by one,
// the article documents made every route's trace as long as the site (30,000 entries
// at 30k articles) and took most of `next build`'s compile step (lib/content/generated.ts).
test("the build's output traces do not list every article document", () => {
  const files = traces(path.join(dist, 'server'))
  expect(files.length).toBeGreaterThan(5)
  for (const file of files) {
    const traced = (JSON.parse(fs.readFileSync(file, 'utf8')) as { files: string[] }).files
    const documents = traced.filter((f) => /\/generated\/Article\/(?!_meta\.json$)[^/]+\.json$/.test(f))
    expect(documents, file).toEqual([])
  }
})
