import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'

// The suite's build is incremental (e2e/site/build-twice.sh): the first build had no
// k1011 and an older body of z2001. Whatever was kept must agree with what changed.
const dist = process.env.NEXT_DIST_DIR ?? '.next-e2e'

const record = () => JSON.parse(fs.readFileSync(path.join(dist, 'kanbao/build-record.json'), 'utf8')) as { mode: string; kept: number; rendered: string[] }

test('the build kept unchanged article pages from the previous build', () => {
  expect(record().mode).toBe('incremental')
  expect(record().kept).toBeGreaterThan(0)
})

test('lists the new article joined were rendered again; the other lists were kept and still serve', async ({ page }) => {
  const { rendered } = record()
  // k1011 ("City Life") shifts the English home, section, source and its tag's pages.
  expect(rendered).toEqual(expect.arrayContaining(['/', '/news/', '/news/kanbao/', '/tags/city-life/', '/news/kanbao/k1011/']))
  // No article of "Market Watch" or of zh-HK changed.
  for (const kept of ['/tags/market-watch/', '/zh-hk/', '/zh-hk/news/kanbao/h3000/']) expect(rendered).not.toContain(kept)
  await page.goto('/tags/city-life/')
  await expect(page.locator('.card-title a[href="/news/kanbao/k1011/"]')).toHaveCount(1)
  const response = await page.goto('/tags/market-watch/')
  expect(response?.status()).toBe(200)
  await expect(page.locator('.card-title a').first()).toBeVisible()
  await expect(page.locator('.card-title a[href="/news/kanbao/k1011/"]')).toHaveCount(0)
  await page.goto('/zh-hk/')
  await expect(page.locator('.card-title a[href="/zh-hk/news/kanbao/h3000/"]')).toHaveCount(1)
})

test('an article added since the previous build is listed and linked from its neighbour', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('.card-title a[href="/news/kanbao/k1011/"]')).toHaveText('Farmers market moves indoors for the cold months')
  await page.goto('/news/kanbao/k1011/')
  const older = page.locator('a.pager-older')
  await expect(older).toHaveCount(1)
  await older.click()
  // The neighbour's page was rendered again: it now points forward to the new article.
  await expect(page.locator('a.pager-newer')).toHaveAttribute('href', '/news/kanbao/k1011/')
})

test('an article whose body changed shows the new body, and a kept page navigates', async ({ page }) => {
  await page.goto('/zh-cn/news/kanbao/z2001/')
  await expect(page.locator('.post-content')).toContainText('今年将新增两百辆电动公交车。')
  await expect(page.locator('.post-content')).not.toContainText('旧的正文')
  // zh-HK's articles did not change: their pages come from the first build, and
  // this build's search page navigates to them client-side with their RSC data.
  await page.goto(`/zh-hk/search/?q=${encodeURIComponent('港鐵')}`)
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => Object.assign(window, { sameDocument: true }))
  await page.locator('a[href="/zh-hk/news/kanbao/h3000/"]').first().click()
  await expect(page).toHaveURL(/\/zh-hk\/news\/kanbao\/h3000\/$/)
  await expect(page.locator('h1')).toHaveText('港鐵新綫試運行順利')
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
})

test('search was brought up to date, not rebuilt: it finds the added article and forgets the old body', async ({ page }) => {
  const indexes = JSON.parse(fs.readFileSync(path.join(dist, 'kanbao/search-build.json'), 'utf8')) as { locale: string; updated: boolean; added: number; removed: number }[]
  expect(indexes.find((i) => i.locale === 'en')).toMatchObject({ updated: true, added: 1, removed: 0 })
  expect(indexes.find((i) => i.locale === 'zh-CN')).toMatchObject({ updated: true, added: 1, removed: 1 })
  await page.goto('/search/?q=farmers+indoors')
  await expect(page.locator('.search-hit h2')).toHaveText(['Farmers market moves indoors for the cold months'])
  await page.goto(`/zh-cn/search/?q=${encodeURIComponent('旧的正文')}`)
  await expect(page.locator('.search-hit')).toHaveCount(0)
  // The changed article was discarded and added again, not just discarded.
  await page.goto(`/zh-cn/search/?q=${encodeURIComponent('新能源车辆')}`)
  await expect(page.locator('.search-hit h2')).toContainText(['城市公交引入新能源车辆'])
})
