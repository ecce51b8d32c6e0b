import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'

// What editors rely on in a production build: drafts stay out, Draft Mode previews them.

const draft = '/news/kanbao/k1900/'

test('a draft is absent from the production build: no page, no list entry, no file', async ({ page, request }) => {
  expect((await request.get(draft)).status()).toBe(404)
  await page.goto('/')
  await expect(page.getByText('Draft: plans for a harbour museum')).toHaveCount(0)
  const feed = await (await request.get('/index.xml')).text()
  expect(feed).not.toContain('k1900')
  const sitemap = await (await request.get('/sitemaps/en-1.xml')).text()
  expect(sitemap).not.toContain('k1900')
  const dist = process.env.NEXT_DIST_DIR ?? '.next-e2e'
  expect(fs.existsSync(path.join(dist, 'server/app/en/news/kanbao/k1900.html'))).toBe(false)
})

test('Draft Mode without the secret changes nothing', async ({ page, request }) => {
  const res = await request.get(`/api/preview?secret=wrong&path=${draft}`, { maxRedirects: 0 })
  expect(res.status()).toBe(401)
  const noSecret = await request.get(`/api/preview?path=${draft}`, { maxRedirects: 0 })
  expect(noSecret.status()).toBe(401)
  expect((await page.goto(draft))?.status()).toBe(404)
})

test('Draft Mode with the secret shows the draft with a banner, and can be turned off', async ({ page }) => {
  const res = await page.goto(`/api/preview?secret=e2e-preview-secret&path=${draft}`)
  expect(res?.status()).toBe(200)
  await expect(page).toHaveURL(new RegExp(`${draft}$`))
  await expect(page.locator('h1')).toHaveText('Draft: plans for a harbour museum')
  await expect(page.locator('.post .badge-draft')).toBeVisible()
  await expect(page.locator('.preview-banner')).toBeVisible()
  await page.locator('.preview-banner a').click()
  await expect(page.locator('.preview-banner')).toHaveCount(0)
  expect((await page.goto(draft))?.status()).toBe(404)
})

test('the preview endpoint never redirects off the site', async ({ request }) => {
  const res = await request.get('/api/preview?secret=e2e-preview-secret&path=//evil.example/x', { maxRedirects: 0 })
  expect(res.status()).toBe(307)
  expect(res.headers()['location']).toBe('/')
})
