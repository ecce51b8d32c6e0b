import { expect, test } from '@playwright/test'
import http from 'node:http'

// What every crawler on the internet sends. Raw HTTP so nothing normalizes the path first.

function raw(baseURL: string, path: string, method = 'GET'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(baseURL)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method, headers: { Accept: 'text/html' } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

const PAYLOAD = '<script>alert(1)</script>'
const notFound = [
  '/tags/%E4%ZZ/',
  '/%E4%ZZ/',
  '/news/../../etc/passwd',
  '/news/%2e%2e/%2e%2e/etc/passwd/',
  '/tags/a%2Fb/',
  '/tags/a%2fb%2f..%2f..%2f/',
  `/${'a'.repeat(4096)}/`,
  '/fr/',
  '/zh-tw/news/',
  '/page/0/',
  '/page/-1/',
  '/page/99999/',
  '/page/abc/',
  '/zh-cn/page/0/',
  '/news/kanbao/page/1e3/',
  `/tags/${encodeURIComponent(PAYLOAD)}/`,
  `/news/${encodeURIComponent('"><img src=x onerror=alert(1)>')}/x/`,
  '/.contentlayer/generated/Article/_index.json',
  '/.env',
  '/_next/static/chunks/not-there.js.map',
]

for (const path of notFound) {
  test(`hostile URL ${path.slice(0, 60)} answers 404, never 5xx, never reflects input`, async ({ baseURL }) => {
    const res = await raw(baseURL!, path)
    expect(res.status).toBe(404)
    expect(res.body).not.toContain(PAYLOAD)
    expect(res.body).not.toContain('onerror=alert(1)>')
    // Next answers its own missing assets (/_next/static) itself; every other 404 is the site's page.
    if (!path.startsWith('/_next/')) expect(res.body).toMatch(/Page not found|页面未找到|找不到頁面/)
  })
}

test('the 404 page speaks the locale of the path', async ({ baseURL }) => {
  expect((await raw(baseURL!, '/zh-hk/page/0/')).body).toContain('找不到頁面')
  expect((await raw(baseURL!, '/zh-cn/tags/%E4%ZZ/')).body).toContain('页面未找到')
})

test('query strings on static pages are ignored, not reflected', async ({ baseURL }) => {
  const res = await raw(baseURL!, `/news/kanbao/k1000/?q=${encodeURIComponent(PAYLOAD)}&page=-1`)
  expect(res.status).toBe(200)
  expect(res.body).not.toContain(PAYLOAD)
  expect(res.body).not.toContain(encodeURIComponent(PAYLOAD))
})

test('the search page escapes what it echoes', async ({ baseURL }) => {
  const res = await raw(baseURL!, `/search/?q=${encodeURIComponent(PAYLOAD)}`)
  expect(res.status).toBe(200)
  expect(res.body).not.toContain(PAYLOAD)
})

test('HEAD works on pages; other methods get 405', async ({ baseURL }) => {
  const head = await raw(baseURL!, '/news/kanbao/k1000/', 'HEAD')
  expect(head.status).toBe(200)
  expect(head.body).toBe('')
  for (const method of ['OPTIONS', 'POST', 'PUT', 'DELETE', 'TRACE']) {
    const res = await raw(baseURL!, '/news/kanbao/k1000/', method)
    expect(res.status, method).toBe(405)
    expect(res.headers['allow']).toBe('GET, HEAD')
  }
})

test('security headers on pages, feeds and 404s; no X-Powered-By', async ({ baseURL }) => {
  for (const path of ['/', '/news/kanbao/k1000/', '/index.xml', '/sitemap.xml', '/no/such/page/', '/search/?q=a']) {
    const { headers } = await raw(baseURL!, path)
    const csp = String(headers['content-security-policy'])
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", 'img-src']) {
      expect(csp, `${path}: ${directive}`).toContain(directive)
    }
    expect(csp).toMatch(/img-src[^;]*https:/)
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    expect(headers['referrer-policy'], path).toBeTruthy()
    expect(headers['permissions-policy'], path).toBeTruthy()
    expect(headers['x-powered-by'], path).toBeUndefined()
  }
})

test('no source maps are served', async ({ page, baseURL }) => {
  const scripts: string[] = []
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname)
  })
  await page.goto('/search/?q=storm') // Search is the page that keeps Next's scripts.
  expect(scripts.length).toBeGreaterThan(0)
  for (const s of scripts.slice(0, 5)) expect((await raw(baseURL!, `${s}.map`)).status, s).toBe(404)
})
