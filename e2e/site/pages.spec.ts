import { expect, test } from '@playwright/test'

// Every page kind of the bundled content/, in all three locales, in Chromium.

const locales = [
  { prefix: '', lang: 'en', latest: 'Latest news', notFound: 'Page not found' },
  { prefix: '/zh-cn', lang: 'zh-CN', latest: '最新新闻', notFound: '页面未找到' },
  { prefix: '/zh-hk', lang: 'zh-HK', latest: '最新新聞', notFound: '找不到頁面' },
]

for (const l of locales) {
  test(`home ${l.lang}: language, latest articles, sidebar`, async ({ page }) => {
    const res = await page.goto(`${l.prefix}/`)
    expect(res?.status()).toBe(200)
    await expect(page.locator('html')).toHaveAttribute('lang', l.lang)
    await expect(page.locator('h1')).toHaveText(l.latest)
    const cards = page.locator('article.card')
    expect(await cards.count()).toBeGreaterThan(0)
    expect(await cards.count()).toBeLessThanOrEqual(10)
    await expect(page.locator('.layout')).toHaveClass(/sidebar-right/)
    await expect(page.locator('.sidebar .widget')).toHaveCount(4)
  })

  test(`article ${l.lang}: title, zoned date, translations, source link`, async ({ page }) => {
    const res = await page.goto(`${l.prefix}/news/kanbao/k1000/`)
    expect(res?.status()).toBe(200)
    await expect(page.locator('html')).toHaveAttribute('lang', l.lang)
    // Front matter says "2025-02-01 08:30:00" / "09:00:00" in Asia/Shanghai, whatever the server's TZ.
    await expect(page.locator('.post .meta-date')).toHaveText(l.lang === 'en' ? '2025-02-01 08:30:00' : '2025-02-01 09:00:00')
    await expect(page.locator('.post .meta-date')).toHaveAttribute('datetime', /\+08:00$/)
    const others = locales.filter((o) => o !== l)
    for (const o of others) {
      await expect(page.locator(`.meta-translations a[hreflang="${o.lang}"]`)).toHaveAttribute('href', `${o.prefix}/news/kanbao/k1000/`)
    }
    await page.locator(`.meta-translations a[hreflang="${others[0].lang}"]`).click()
    await expect(page).toHaveURL(new RegExp(`${others[0].prefix}/news/kanbao/k1000/$`))
  })

  test(`404 ${l.lang}: localized page and status`, async ({ page }) => {
    const res = await page.goto(`${l.prefix}/no/such/page/`)
    expect(res?.status()).toBe(404)
    await expect(page.locator('h1')).toHaveText(l.notFound)
    await expect(page.locator('html')).toHaveAttribute('lang', l.lang)
  })

  test(`tags and categories indexes ${l.lang} link to their term pages`, async ({ page }) => {
    for (const taxonomy of ['tags', 'categories']) {
      await page.goto(`${l.prefix}/${taxonomy}/`)
      const first = page.locator('.term-index a').first()
      const name = await first.textContent()
      await first.click()
      await expect(page.locator('h1')).toContainText(name!)
      expect(await page.locator('article.card').count()).toBeGreaterThan(0)
    }
  })

  test(`source section ${l.lang} lists that source's articles`, async ({ page }) => {
    const res = await page.goto(`${l.prefix}/news/kanbao/`)
    expect(res?.status()).toBe(200)
    const hrefs = await page.locator('article.card h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(hrefs.length).toBeGreaterThan(0)
    for (const h of hrefs) expect(h).toMatch(new RegExp(`^${l.prefix}/news/kanbao/`))
  })
}

test('a Chinese tag answers at its encoded, lowercase-encoded and raw UTF-8 URL', async ({ page }) => {
  for (const url of ['/zh-cn/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/', '/zh-cn/tags/%e4%ba%ba%e5%b7%a5%e6%99%ba%e8%83%bd/', '/zh-cn/tags/人工智能/']) {
    const res = await page.goto(url)
    expect(res?.status(), url).toBe(200)
    await expect(page.locator('h1')).toHaveText('标签：人工智能')
  }
  // The tag link on an article leads there.
  await page.goto('/zh-cn/news/kanbao/k1000/')
  await page.locator('.post-tags a', { hasText: '人工智能' }).click()
  await expect(page.locator('h1')).toHaveText('标签：人工智能')
})

test('a tag with spaces keeps its spelling and shares one page across case', async ({ page }) => {
  await page.goto('/tags/market-watch/')
  await expect(page.locator('h1')).toHaveText('Tag: Market Watch')
  // "Market Watch" (5 articles) and "market watch" (3) are one tag, titled with the spelling most use.
  await expect(page.locator('.list-count')).toHaveText('8 articles')
})

test('home pagination: numbered pages, rel links, and no page past the last', async ({ page }) => {
  await page.goto('/')
  const nav = page.locator('nav.pagination')
  await expect(nav.locator('[aria-current="page"]')).toContainText('Page 1 of 2')
  await nav.locator('a[rel="next"]').click()
  await expect(page).toHaveURL(/\/page\/2\/$/)
  await expect(page.locator('nav.pagination [aria-current="page"]')).toContainText('Page 2 of 2')
  expect(await page.locator('article.card').count()).toBeGreaterThan(0)
  const res = await page.goto('/page/3/')
  expect(res?.status()).toBe(404)
})

test('drafts are not published by a production build', async ({ page }) => {
  const res = await page.goto('/news/kanbao/k1900/')
  expect(res?.status()).toBe(404)
  await page.goto('/tags/city-life/')
  await expect(page.getByText('Draft: plans for a harbour museum')).toHaveCount(0)
})

test('article page: sidebar and widgets follow front matter', async ({ page }) => {
  await page.goto('/news/kanbao/k1001/')
  await expect(page.locator('.layout')).toHaveClass(/sidebar-left/)
  await expect(page.locator('.sidebar .widget-title')).toHaveText(['Recent articles', 'Categories', 'Languages', 'Social'])
  await page.goto('/news/kanbao/k1002/')
  await expect(page.locator('.sidebar')).toHaveCount(0)
  await page.goto('/news/kanbao/k1000/')
  await expect(page.locator('.sidebar .widget-title')).toHaveText(['Search', 'Recent articles', 'Tags'])
})

test('article page: thumbnail, toc, author box, tags, pager, source link', async ({ page }) => {
  await page.goto('/news/kanbao/k1000/')
  const img = page.locator('.post-thumbnail img')
  await expect(img).toHaveAttribute('referrerpolicy', 'no-referrer')
  await expect(img).toHaveAttribute('loading', 'lazy')
  await expect(page.locator('.toc a')).toHaveText(['Background', 'What happens next'])
  await expect(page.locator('.authorbox')).toBeVisible()
  await expect(page.locator('.post-source a')).toHaveAttribute('href', 'https://example.com/wire/1')
  await expect(page.locator('.pager a[rel="next"]')).toHaveAttribute('href', /\/news\/kanbao\/k1001\/$/)
})

test('an article with menu: main appears in the header menu', async ({ page }) => {
  await page.goto('/zh-cn/')
  await page.goto('/')
  await expect(page.locator('.menu-list a', { hasText: 'Harbor cranes return to work' })).toHaveAttribute('href', '/news/kanbao/k1000/')
})

test('the real seed article renders at its Hugo URL', async ({ page }) => {
  const res = await page.goto('/zh-cn/news/qq/20250207a09biw/')
  expect(res?.status()).toBe(200)
  await expect(page.locator('h1')).toHaveText('“中国有DeepSeek，美国有ChatGPT，欧洲的回应在哪里？”')
  await expect(page.locator('.post-content')).toContainText('欧洲对DeepSeek和ChatGPT的回应在哪里')
  await expect(page).toHaveTitle(/中国有DeepSeek.* – Bulwark 新闻$/)
})

test('the search widget submits to the locale search page', async ({ page }) => {
  await page.goto('/zh-hk/')
  await expect(page.locator('.sidebar form[role="search"]')).toHaveAttribute('action', '/zh-hk/search/')
})

test('old Hugo URL shapes redirect permanently to the canonical page', async ({ request }) => {
  const cases: [string, string][] = [
    ['/zh-cn/news/qq/20250207a09biw.zh-cn/', '/zh-cn/news/qq/20250207a09biw/'],
    ['/ZH-CN/news/qq/20250207a09biw/', '/zh-cn/news/qq/20250207a09biw/'],
    ['/news/kanbao/k1000', '/news/kanbao/k1000/'],
    ['/page/1/', '/'],
    ['/zh-hk/tags/page/1/', '/zh-hk/tags/'],
    ['/tags/page/2/', '/tags/'],
    ['/en/news/kanbao/k1000/', '/news/kanbao/k1000/'],
    ['/en/', '/'],
  ]
  for (const [from, to] of cases) {
    const res = await request.get(from, { maxRedirects: 0 })
    expect([301, 308], from).toContain(res.status())
    expect(new URL(res.headers()['location'], 'http://x').pathname, from).toBe(to)
  }
})
