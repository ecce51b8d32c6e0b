import { describe, expect, it } from 'vitest'
import { stripRuntime } from '@/scripts/strip-runtime'

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
