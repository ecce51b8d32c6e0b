import { COMMENTS_SCRIPT } from '../../lib/client-scripts'
import { expect, test } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

// What readers do: search (with and without JavaScript), move through articles
// with the keyboard, switch themes, follow the table of contents.

test.describe('search', () => {
  const cases = [
    { prefix: '/zh-cn', q: '欧洲人工智能', expect: '“中国有DeepSeek，美国有ChatGPT，欧洲的回应在哪里？”' },
    { prefix: '/zh-cn', q: '欧洲 人工智能', expect: '“中国有DeepSeek，美国有ChatGPT，欧洲的回应在哪里？”' },
    { prefix: '/zh-cn', q: 'DeepSeek', expect: '“中国有DeepSeek，美国有ChatGPT，欧洲的回应在哪里？”' },
    { prefix: '/zh-hk', q: '書展', expect: '本地書展入場人次創新高' },
    { prefix: '', q: 'bicycle lanes', expect: 'City council approves a budget for new bicycle lanes' },
  ]
  for (const c of cases) {
    test(`without JavaScript: ${c.prefix || '/'} finds “${c.q}”`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false })
      const page = await context.newPage()
      await page.goto(`${c.prefix}/search/`)
      await page.locator('#search-q').fill(c.q)
      await page.locator('#search-q').press('Enter')
      await expect(page).toHaveURL(/\?q=/)
      await expect(page.locator('.search-hit h2', { hasText: c.expect })).toHaveCount(1)
      await expect(page.locator('.search-hit mark').first()).toBeVisible()
      await context.close()
    })
  }

  test('with JavaScript: results appear while typing, without submitting', async ({ page }) => {
    await page.goto('/zh-cn/search/')
    await page.locator('#search-q').pressSequentially('欧洲人工智能', { delay: 30 })
    // Title hits first: the sample article with the words in its headline, then the seed article.
    await expect(page.locator('.search-hit h2')).toHaveText(['欧洲人工智能企业加快开源步伐', '“中国有DeepSeek，美国有ChatGPT，欧洲的回应在哪里？”'])
    await expect(page).toHaveURL(/q=/)
  })

  test('a search asked again comes from memory: the same page, cacheable, revalidated with its ETag', async ({ request }) => {
    // A query string no other test sends, so the first answer is rendered here.
    const url = `/zh-cn/search/?q=${encodeURIComponent('欧洲人工智能')}&e2e=${Date.now()}`
    const first = await request.get(url)
    expect(first.status()).toBe(200)
    expect(first.headers()['cache-control']).toContain('private')
    const again = await request.get(url)
    expect(again.status()).toBe(200)
    expect(again.headers()['cache-control']).toContain('s-maxage=')
    expect(await again.text()).toBe(await first.text())
    expect((await request.get(url, { headers: { 'if-none-match': again.headers().etag } })).status()).toBe(304)
    // Draft Mode readers always get a page rendered for them.
    const preview = await request.get(url, { headers: { cookie: '__prerender_bypass=not-a-session' } })
    expect(preview.headers()['cache-control']).toContain('private')
  })

  test('the sidebar widget leads to results', async ({ page }) => {
    await page.goto('/')
    await page.locator('#sidebar-search').fill('ferry')
    await page.locator('#sidebar-search').press('Enter')
    await expect(page.locator('.search-hit h2').first()).toContainText('Ferry timetable')
  })

  test('filters by source and dates, and absurd queries get a friendly empty result', async ({ page }) => {
    await page.goto('/zh-cn/search/?q=%E6%AC%A7%E6%B4%B2&source=qq')
    await expect(page.locator('.search-hit')).toHaveCount(1)
    await page.goto('/zh-cn/search/?q=%E6%AC%A7%E6%B4%B2&from=2025-02-08')
    await expect(page.locator('.search-hit')).toHaveCount(0)
    for (const q of ['%25', '😀', '!!!', 'x'.repeat(1000), '<script>alert(1)</script>']) {
      const res = await page.goto(`/search/?q=${encodeURIComponent(q)}`)
      expect(res?.status(), q).toBe(200)
      await expect(page.locator('#search-summary')).toContainText('No results')
    }
  })

  test('the search page is not indexed', async ({ page }) => {
    await page.goto('/search/?q=x')
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)
  })
})

test('the table of contents jumps to its headings', async ({ page }) => {
  await page.goto('/zh-cn/news/kanbao/k1000/')
  const link = page.locator('.toc a', { hasText: '下一步' })
  await link.click()
  await expect(page).toHaveURL(/#/)
  await expect(page.locator('h2', { hasText: '下一步' })).toBeInViewport()
})

test('dark mode follows the system, toggles, and the choice survives a reload without a flash', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' })
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.locator('.theme-toggle')).toHaveAttribute('aria-pressed', 'true')
  await page.locator('.theme-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect(page.locator('.theme-toggle')).toHaveAttribute('aria-pressed', 'false')
  // The theme must be right in the very first HTML the browser paints, before React runs.
  await page.route('**/_next/static/**/*.js', (route) => route.abort())
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(bg).toBe('rgb(247, 247, 247)')
  await context.close()
  // Without JavaScript there is nothing to switch: no dead button.
  const noScript = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' })
  const plain = await noScript.newPage()
  await plain.goto('/')
  await expect(plain.locator('.site-header')).toBeVisible()
  await expect(plain.locator('.theme-toggle')).toBeHidden()
  await noScript.close()
})

test('the header menu works with the keyboard alone on a small screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } })
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.locator('.menu-list')).toBeHidden()
  await page.keyboard.press('Tab') // skip link
  await expect(page.locator('.skip-link')).toBeFocused()
  for (let i = 0; i < 6 && !(await page.locator('#menu-toggle').evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
  }
  await expect(page.locator('#menu-toggle')).toBeFocused()
  await page.keyboard.press('Space')
  await expect(page.locator('.menu-list')).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(page.locator('.menu-list a').first()).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/$/)
  await context.close()
})

test('reading time is shown on cards and articles, localized', async ({ page }) => {
  await page.goto('/zh-hk/')
  await expect(page.locator('article.card .meta-reading').first()).toHaveText(/閱讀約需 \d+ 分鐘/)
  await page.goto('/news/kanbao/k1000/')
  await expect(page.locator('.post .meta-reading')).toHaveText(/\d+ min read/)
})

test('related articles end each article, same locale', async ({ page }) => {
  await page.goto('/news/kanbao/k1003/')
  const links = page.locator('.related a')
  await expect(links).toHaveCount(5)
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/^\/news\//)
  }
})

for (const prefix of ['', '/zh-cn', '/zh-hk']) {
  for (const path of ['/', '/news/kanbao/k1000/', '/tags/', '/search/?q=a']) {
    test(`accessibility: ${prefix}${path} has no serious or critical axe violations`, async ({ page }) => {
      await page.goto(`${prefix}${path}`)
      const results = await new AxeBuilder({ page }).analyze()
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([])
    })
  }
}

test('math is rendered on the server only where mathjax is on; dollar amounts stay literal', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  const katexCss = 'link[rel="stylesheet"][href*="katex"]'
  await page.goto('/news/kanbao/k1005/')
  await expect(page.locator('.post-content .katex').first()).toBeVisible()
  // KaTeX's stylesheet and fonts arrive: the formula is set in KaTeX's font and its MathML copy is hidden.
  const math = page.locator('.post-content .katex').first()
  await expect(math).toHaveCSS('font-family', /KaTeX_Main/)
  await expect(math.locator('.katex-mathml')).toHaveCSS('position', 'absolute')
  expect(await page.evaluate(() => document.fonts.load('1em KaTeX_Main').then((faces) => faces.length))).toBeGreaterThan(0)
  // Articles without math do not wait for a stylesheet they do not use.
  await page.goto('/news/kanbao/k1003/')
  await expect(page.locator('.post-content .katex')).toHaveCount(0)
  await expect(page.locator(katexCss)).toHaveCount(0)
  await expect(page.locator('.post-content')).toContainText('Costs came to $2.5 million, within the 10~15 percent margin')
  await context.close()
})

test('a search result opens in place, and its math arrives styled', async ({ page }) => {
  const rsc: string[] = []
  page.on('request', (r) => {
    if (r.headers()['rsc']) rsc.push(new URL(r.url()).pathname)
  })
  // Search keeps Next's client runtime (results as you type), so its links navigate client-side.
  await page.goto('/search/?q=seeds')
  await page.waitForLoadState('networkidle')
  await expect(page.locator('link[rel="stylesheet"][href*="katex"]')).toHaveCount(0)
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))
  await page.locator('a[href="/news/kanbao/k1005/"]').first().click()
  await expect(page).toHaveURL(/\/news\/kanbao\/k1005\/$/)
  await expect(page.locator('h1')).toHaveText('University opens a public library of seeds')
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
  expect(rsc).toEqual(['/news/kanbao/k1005/'])
  await expect(page.locator('.post-content .katex').first()).toHaveCSS('font-family', /KaTeX_Main/)
})

test('a thumbnail that cannot load keeps its space and shows no broken image', async ({ page }) => {
  await page.route('https://picsum.photos/**', (route) => route.abort())
  await page.goto('/news/kanbao/k1000/')
  const box = await page.locator('.post-thumbnail').boundingBox()
  expect(box!.height).toBeGreaterThan(100)
  const covered = await page.locator('.post-thumbnail img').evaluate((img) => getComputedStyle(img, '::after').content)
  expect(covered).not.toBe('none')
})

test('list and article pages load no JavaScript files, and their links open plain pages', async ({ page }) => {
  const scripts: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || r.headers()['rsc']) scripts.push(r.url())
  })
  await page.goto('/')
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))
  const link = page.locator('article.card .card-title a').first()
  await link.hover()
  await page.waitForLoadState('networkidle')
  const title = (await link.textContent())!
  const href = (await link.getAttribute('href'))!
  await link.click()
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[.?]/g, '\\$&')}$`))
  await expect(page.locator('h1')).toHaveText(title)
  // A new document, as on the Hugo site: nothing of the list page's state survived.
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBeUndefined()
  await page.goto('/tags/city-life/')
  await page.waitForLoadState('networkidle')
  expect(scripts).toEqual([])
  // The islands are inline: the theme switch works on these pages.
  await page.locator('.theme-toggle').click()
  await expect(page.locator('.theme-toggle')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})

test("a comment thread loads its provider's script only when it scrolls into view, also when it arrives later", async ({ page }) => {
  // The site's own config has no comments, so the island runs here on a page of its own.
  const loads: string[] = []
  await page.route('https://giscus.app/client.js', (route) => {
    loads.push(route.request().url())
    return route.fulfill({ contentType: 'text/javascript', body: 'document.currentScript.parentElement.dataset.loaded = document.currentScript.dataset.repo' })
  })
  const thread = (id: string) => `<div id="${id}" data-embed='${JSON.stringify({ src: 'https://giscus.app/client.js', attributes: { 'data-repo': `o/${id}` }, pageUrl: 'u', pageId: id })}'></div>`
  await page.setContent(`<body><div style="height:4000px">article</div>${thread('first')}</body>`)
  await page.addScriptTag({ content: COMMENTS_SCRIPT })
  await page.waitForTimeout(500)
  expect(loads).toEqual([])
  await page.locator('#first').scrollIntoViewIfNeeded()
  await expect(page.locator('#first')).toHaveAttribute('data-loaded', 'o/first')
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), thread('later'))
  await page.locator('#later').scrollIntoViewIfNeeded()
  await expect(page.locator('#later')).toHaveAttribute('data-loaded', 'o/later')
  expect(loads).toHaveLength(2)
})
