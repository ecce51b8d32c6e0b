import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'

// What search engines read: head metadata, structured data, feeds, sitemaps, robots, valid HTML.

const locales = ['', '/zh-cn', '/zh-hk']
const pageSet = locales.flatMap((p) => [`${p}/`, `${p}/news/kanbao/k1000/`, `${p}/tags/`, `${p}/search/?q=a`])

test('article head: title, description, canonical, hreflang, Open Graph, Twitter, JSON-LD', async ({ page, baseURL }) => {
  await page.goto('/news/kanbao/k1000/')
  await expect(page).toHaveTitle('Harbor cranes return to work after a week of storms – Bulwark News')
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /twelve cranes/)
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${baseURL}/news/kanbao/k1000/`)
  await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute('href', `${baseURL}/zh-cn/news/kanbao/k1000/`)
  await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute('href', `${baseURL}/news/kanbao/k1000/`)
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article')
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', 'en_US')
  await expect(page.locator('meta[property="og:image"]').first()).toHaveAttribute('content', /^https:\/\//)
  await expect(page.locator('meta[property="article:published_time"]')).toHaveAttribute('content', '2025-02-01T08:30:00+08:00')
  await expect(page.locator('meta[property="article:tag"]')).toHaveAttribute('content', 'Market Watch')
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image')
  const ld = await page.locator('script[type="application/ld+json"]').allTextContents()
  const types = ld.map((s) => JSON.parse(s)['@type'])
  expect(types).toEqual(expect.arrayContaining(['NewsArticle', 'BreadcrumbList']))
  const article = ld.map((s) => JSON.parse(s)).find((d) => d['@type'] === 'NewsArticle')
  expect(article.datePublished).toBe('2025-02-01T08:30:00+08:00')
  expect(article.isBasedOn).toBe('https://example.com/wire/1')
  expect(article.mainEntityOfPage['@id']).toBe(`${baseURL}/news/kanbao/k1000/`)
})

test('hreflang links are symmetric between translations', async ({ page }) => {
  const links: Record<string, Record<string, string>> = {}
  for (const p of locales) {
    await page.goto(`${p}/news/kanbao/k1000/`)
    const canonical = (await page.locator('link[rel="canonical"]').getAttribute('href'))!
    links[canonical] = Object.fromEntries(
      await page.locator('link[rel="alternate"][hreflang]').evaluateAll((ls) => ls.map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')])),
    )
  }
  for (const [a, alts] of Object.entries(links)) {
    for (const [lang, b] of Object.entries(alts)) {
      if (lang === 'x-default' || b === a) continue
      expect(Object.values(links[b] ?? {}), `${b} links back to ${a}`).toContain(a)
    }
  }
})

test('home pages carry WebSite JSON-LD with a SearchAction and advertise their feeds', async ({ page }) => {
  await page.goto('/zh-hk/')
  const ld = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((s) => JSON.parse(s))
  const site = ld.find((d) => d['@type'] === 'WebSite')
  expect(site.potentialAction.target.urlTemplate).toMatch(/\/zh-hk\/search\/\?q=\{search_term_string\}$/)
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', /\/zh-hk\/index\.xml$/)
})

test('list pages past the first have their own canonical', async ({ page, baseURL }) => {
  await page.goto('/page/2/')
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${baseURL}/page/2/`)
})

test('feeds are well-formed XML with items and absolute links', async ({ request }) => {
  const parser = new XMLParser({ ignoreAttributes: false })
  for (const url of ['/index.xml', '/zh-cn/index.xml', '/zh-hk/index.xml', '/tags/market-watch/index.xml', '/zh-cn/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/index.xml', '/news/kanbao/index.xml', '/atom.xml']) {
    const res = await request.get(url)
    expect(res.status(), url).toBe(200)
    const xml = await res.text()
    expect(XMLValidator.validate(xml), url).toBe(true)
    const doc = parser.parse(xml)
    const items = doc.rss ? [doc.rss.channel.item].flat() : [doc.feed.entry].flat()
    expect(items.length, url).toBeGreaterThan(0)
    const link = doc.rss ? items[0].link : items[0].link['@_href']
    expect(link, url).toMatch(/^https?:\/\//)
  }
  const json = await (await request.get('/feed.json')).json()
  expect(json.items.length).toBeGreaterThan(0)
})

test('robots.txt lists the sitemaps, which are well-formed and reachable', async ({ request }) => {
  const robots = await (await request.get('/robots.txt')).text()
  expect(robots).toMatch(/Disallow: \/search\//)
  const sitemaps = [...robots.matchAll(/^Sitemap: (.+)$/gm)].map((m) => m[1].trim())
  expect(sitemaps.length).toBeGreaterThan(0)
  for (const url of sitemaps) {
    const res = await request.get(new URL(url).pathname)
    expect(res.status(), url).toBe(200)
    expect(XMLValidator.validate(await res.text()), url).toBe(true)
  }
  const index = await (await request.get('/sitemap.xml')).text()
  const children = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
  expect(children.length).toBeGreaterThanOrEqual(3)
  for (const child of children) {
    const xml = await (await request.get(new URL(child).pathname)).text()
    expect(XMLValidator.validate(xml), child).toBe(true)
  }
})

test('pages are valid HTML (Nu HTML Checker)', async ({ request }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-vnu-'))
  const files = []
  for (const [i, url] of pageSet.entries()) {
    const file = path.join(dir, `page-${i}.html`)
    fs.writeFileSync(file, await (await request.get(url)).text())
    files.push(file)
  }
  const jar = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar')
  let report = ''
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (e) {
    report = (e as { stderr?: string }).stderr ?? String(e)
  }
  const messages = report ? (JSON.parse(report).messages as { url: string; message: string; extract?: string }[]) : []
  const named = messages.map((m) => `${pageSet[Number(/page-(\d+)/.exec(m.url)?.[1])]}: ${m.message} ${m.extract ?? ''}`)
  expect(named).toEqual([])
})
