import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { cleanText } from '@/lib/text'

// Walks every URL the Hugo site served for the 5,288-article corpus against the
// production build of that corpus: articles answer 200 with their title, list
// pages answer 200 or a permanent redirect to a page that does.

const tsv = fileURLToPath(new URL('../../../shared/corpus/hugo-urls.tsv', import.meta.url))
const rows = fs.readFileSync(tsv, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'))

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn))
}

function h1(html: string): string {
  const m = /<h1 class="post-title">([\s\S]*?)<\/h1>/.exec(html)
  return m ? cleanText(m[1].replace(/<[^>]+>/g, '')) : ''
}

test('every Hugo article URL answers 200 with its title', async ({ request }) => {
  const articles = rows.filter(([file]) => file !== '-')
  expect(articles.length).toBe(5288)
  const failures: string[] = []
  await inBatches(articles, 16, async ([file, url, title]) => {
    const res = await request.get(url, { maxRedirects: 0 })
    if (res.status() !== 200) return void failures.push(`${url} (${file}): ${res.status()}`)
    const got = h1(await res.text())
    if (got !== cleanText(title)) failures.push(`${url}: title ${JSON.stringify(got)} != ${JSON.stringify(cleanText(title))}`)
  })
  expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([])
})

test('every Hugo list URL answers 200 or redirects permanently to a 200', async ({ request }) => {
  const lists = rows.filter(([file]) => file === '-')
  const failures: string[] = []
  await inBatches(lists, 16, async ([, url]) => {
    const res = await request.get(url, { maxRedirects: 0 })
    if (res.status() === 200) return
    if (res.status() === 301 || res.status() === 308) {
      const next = await request.get(res.headers()['location'])
      if (next.status() === 200) return
    }
    failures.push(`${url}: ${res.status()}`)
  })
  expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([])
})
