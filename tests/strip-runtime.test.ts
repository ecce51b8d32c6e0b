import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stripRuntime, stripRuntimeFromPages } from '@/scripts/strip-runtime'

// Shaped as `next build` writes a prerendered page (Next 16, Turbopack).
const head =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/w.js"/><script src="/_next/static/chunks/1.js" async=""></script>' +
  '<script>THEME</script><title>T</title><script src="/_next/static/chunks/p.js" noModule=""></script></head>'
const body = (article: string) =>
  `<body><main>${article}<script type="application/ld+json">{"@type":"NewsArticle"}</script></main><footer>f</footer>`
const tail =
  '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]});</script>' +
  '<script src="/_next/static/chunks/w.js" async=""></script><script>(self.__next_f=self.__next_f||[]).push([0])</script>' +
  '<script>self.__next_f.push([1,"0:{\\"P\\":null}\\n"])</script></body></html>'

describe('stripRuntime', () => {
  it("removes Next's scripts and keeps the page's own markup, styles, data and inline scripts", () => {
    const out = stripRuntime(head + body('<p>text</p>') + tail)
    expect(out).toBe(
      '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>' +
        '<script>THEME</script><title>T</title></head>' + body('<p>text</p>') + '</body></html>',
    )
  })

  it("leaves an article's text alone even when it looks like Next's scripts", () => {
    const article = '<img alt="<script>self.__next_f.push([1])</script>" src="x.png"><p>&lt;script src="/_next/x.js"&gt;</p>'
    expect(stripRuntime(head + body(article) + tail)).toContain(article)
  })

  it('changes nothing the second time', () => {
    const once = stripRuntime(head + body('<p>x</p>') + tail)
    expect(stripRuntime(once)).toBe(once)
  })

  it('refuses a page whose closing scripts it does not know, rather than break it', () => {
    // React's script that moves a late Suspense boundary into place: the page needs it.
    const late = tail.replace('</body>', '<script>$RC("B:0","S:0")</script></body>')
    expect(() => stripRuntime(head + body('') + late)).toThrow(/unexpected script at the end of <body>: <script>\$RC/)
    expect(() => stripRuntime(head + body(''))).toThrow(/does not end with <\/body><\/html>/)
  })
})

describe('stripRuntimeFromPages', () => {
  /** A dist dir with a manifest listing these prerendered routes and their files. */
  function dist(files: Record<string, string>, routes: Record<string, object>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-strip-'))
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, 'server', 'app', file)), { recursive: true })
      fs.writeFileSync(path.join(dir, 'server', 'app', file), text)
    }
    fs.writeFileSync(path.join(dir, 'prerender-manifest.json'), JSON.stringify({ routes }))
    return dir
  }
  const page = { initialRevalidateSeconds: false, dataRoute: 'x.rsc' }
  const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, 'server', 'app', file), 'utf8')

  it("strips every prerendered page, Next's own 404 page and revalidating pages included, and leaves feeds alone", () => {
    const feed = '<rss><script src="/_next/x.js"></script></rss>'
    const pages = ['en/news/qq/a1.html', '_not-found.html', 'en/live.html']
    const dir = dist(
      { [pages[0]]: head + body('<p>新闻</p>') + tail, [pages[1]]: head + body('404') + tail, [pages[2]]: head + body('') + tail, 'en/index.xml.body': feed },
      {
        '/en/news/qq/a1': page,
        '/_not-found': page,
        '/en/live': { ...page, initialRevalidateSeconds: 60 },
        '/en/index.xml': { initialRevalidateSeconds: false, dataRoute: null },
      },
    )
    try {
      expect(stripRuntimeFromPages(dir).pages).toBe(3)
      for (const file of pages) {
        expect(read(dir, file)).not.toContain('/_next/static/chunks/1.js')
        expect(read(dir, file)).not.toContain('__next_f')
      }
      expect(read(dir, 'en/news/qq/a1.html')).toContain('<p>新闻</p>')
      expect(read(dir, 'en/index.xml.body')).toBe(feed)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names the page it cannot strip', () => {
    const dir = dist({ 'en.html': head + body('') }, { '/en': page })
    try {
      expect(() => stripRuntimeFromPages(dir)).toThrow(/en\.html: cannot leave Next's client runtime off this page/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
