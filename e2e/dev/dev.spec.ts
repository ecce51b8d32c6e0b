import { expect, test, type Page } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'

// `npm run dev` on a scratch copy of content/ (see playwright.config.ts): what an editor sees.

const content = path.resolve(process.env.DEV_CONTENT_DIR ?? '.e2e-dev-content')
const file = (rel: string) => path.join(content, rel)

async function eventually(page: Page, url: string, check: (html: string, status: number) => boolean, seconds = 20) {
  const until = Date.now() + seconds * 1000
  let last = ''
  while (Date.now() < until) {
    const res = await page.request.get(url)
    last = await res.text()
    if (check(last, res.status())) return last
    await page.waitForTimeout(250)
  }
  throw new Error(`${url} never matched; last response:\n${last.slice(0, 500)}`)
}

test.describe.configure({ mode: 'serial' })

test('drafts are visible in dev, marked as drafts', async ({ page }) => {
  await page.goto('/news/kanbao/k1900/')
  await expect(page.locator('h1')).toHaveText('Draft: plans for a harbour museum')
  await expect(page.locator('.post .badge-draft')).toHaveText('Draft')
})

test('an edit shows up on the next reload without a restart', async ({ page }) => {
  const target = file('en/news/kanbao/k1003.en.md')
  const original = fs.readFileSync(target, 'utf8')
  try {
    fs.writeFileSync(target, original.replace(/^title: ".*"$/m, 'title: "Rail operator edits its headline live"'))
    await eventually(page, '/news/kanbao/k1003/', (html) => html.includes('Rail operator edits its headline live'))
  } finally {
    fs.writeFileSync(target, original)
  }
})

test('a new file appears, and disappears when deleted', async ({ page }) => {
  const created = file('en/news/kanbao/k1950.en.md')
  fs.writeFileSync(created, fs.readFileSync(file('en/news/kanbao/k1004.en.md'), 'utf8').replace(/^title: ".*"$/m, 'title: "A brand new article"'))
  try {
    await eventually(page, '/news/kanbao/k1950/', (html, status) => status === 200 && html.includes('A brand new article'))
  } finally {
    fs.rmSync(created)
  }
  await eventually(page, '/news/kanbao/k1950/', (_html, status) => status === 404)
})

test('a broken file shows file, line and field in the browser, and recovers when fixed', async ({ page }) => {
  const target = file('en/news/kanbao/k1005.en.md')
  const original = fs.readFileSync(target, 'utf8')
  try {
    fs.writeFileSync(target, original.replace(/^date: ".*"$/m, 'date: "2025-02-30 10:00:00"'))
    await eventually(page, '/news/kanbao/k1005/', (html) => /k1005\.en\.md:3: date: not a valid date/.test(html))
  } finally {
    fs.writeFileSync(target, original)
  }
  await eventually(page, '/news/kanbao/k1005/', (html, status) => status === 200 && !html.includes('not a valid date'))
})
