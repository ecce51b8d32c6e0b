import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_DATA_IMAGE_URI_LENGTH, renderMarkdown } from '@/lib/markdown/render'

const CORPUS = path.resolve(__dirname, '../../shared/corpus/content')

const render = (markdown: string, math = false) => renderMarkdown(markdown, { math })

/** The body of a corpus file: everything after the front matter's closing `---`. */
function corpusBody(relative: string): string {
  const raw = readFileSync(path.join(CORPUS, relative), 'utf8')
  const match = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(raw)
  return match ? raw.slice(match[0].length) : raw
}

function corpusFiles(dir = CORPUS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return corpusFiles(full)
    return entry.name.endsWith('.md') ? [full] : []
  })
}

/** Anything a browser could run: script elements, handler attributes, script URLs anywhere in markup. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/\son\w+\s*=/i)
  expect(html).not.toMatch(/javascript:|vbscript:/i)
  expect(html).not.toMatch(/<(iframe|form|object|embed|style|svg|base|meta|link)\b/i)
  expect(html).not.toMatch(/\sstyle\s*=/i)
  expect(html).not.toMatch(/href\s*=\s*["']?\s*data:/i)
}

describe('renderMarkdown: basics', () => {
  it('returns nothing for an empty or blank body', async () => {
    expect(await render('')).toEqual({ html: '', headings: [], text: '' })
    expect(await render('  \n\n\t\n')).toEqual({ html: '', headings: [], text: '' })
  })

  it('gives plain visible text with whitespace collapsed', async () => {
    const { text } = await render('# Title\n\nFirst **bold**  line\nsecond [link](https://a.example/).\n\n- one\n- two\n\n![alt text](https://a.example/x.png)')
    expect(text).toBe('Title First bold line second link. one two')
  })

  it('renders GFM tables', async () => {
    const { html, text } = await render('| Index | Close |\n| --- | ---: |\n| Nifty | 23,045.25 |')
    expect(html).toContain('<table>')
    expect(html).toMatch(/<th>Index<\/th>/)
    expect(html).toMatch(/<td align="right">23,045.25<\/td>/)
    expect(text).toBe('Index Close Nifty 23,045.25')
  })

  it('keeps single tildes as ranges and double tildes as strikethrough', async () => {
    const { html } = await render('Up 10~20% today, ~~was 5%~~')
    expect(html).toContain('10~20%')
    expect(html).toContain('<del>was 5%</del>')
  })

  it('decodes HTML entities exactly once', async () => {
    const { html, text } = await render('AT&amp;T said &#39;no&#39; &gt; 5 &amp;amp; more')
    expect(text).toBe("AT&T said 'no' > 5 &amp; more")
    expect(html).not.toMatch(/&amp;amp;|&#x26;amp;amp;/)
  })

  it('keeps double braces from template placeholders literal', async () => {
    const { html, text } = await render('Revenue beat {{0|Piper Sandler}}’s estimate.')
    expect(text).toBe('Revenue beat {{0|Piper Sandler}}’s estimate.')
    expect(html).toContain('{{0|Piper Sandler}}')
  })

  it('shows quoted LLM tags such as <think> as text instead of swallowing them', async () => {
    const { text } = await render('去掉（<think>…</think>），系统会显示“<thinging>”这样的预填充文本')
    expect(text).toBe('去掉（<think>…</think>），系统会显示“<thinging>”这样的预填充文本')
  })
})

describe('renderMarkdown: links and markup as the real articles need them', () => {
  it('links bare addresses as GFM does, leaving trailing punctuation outside', async () => {
    const { html } = await render('See www.sec.gov. Mail ir_team@example.co.uk; 详情请访问：https://example.com/a/b。 Not example.com')
    expect(html).toContain('<a href="http://www.sec.gov"')
    expect(html).toContain('>www.sec.gov</a>.')
    expect(html).toContain('<a href="mailto:ir_team@example.co.uk">ir_team@example.co.uk</a>;')
    expect(html).toContain('详情请访问：<a href="https://example.com/a/b')
    expect(html).not.toContain('href="http://example.com"')
  })

  it('links a bare address written right after Chinese text or digits', async () => {
    const { html } = await render('故障报告https://status.example.com/incidents/1 电话 7260https://news.example.com/v?id=2')
    expect(html).toContain('故障报告<a href="https://status.example.com/incidents/1"')
    expect(html).toContain('7260<a href="https://news.example.com/v?id=2"')
  })

  it('ends a bare link at a no-break space, and unescapes the converter\'s \\_ in it', async () => {
    const { html } = await render('Filed at www.sedar.com\u00a0under its profile; see https://x.com/li\\_chengzu/status/1')
    expect(html).toContain('<a href="http://www.sedar.com"')
    expect(html).toContain('<a href="https://x.com/li_chengzu/status/1"')
  })

  it('keeps emoji bold when asterisks touch the next word', async () => {
    const { html } = await render('Sunday is **🍕**Perfect for the Super Bowl.')
    expect(html).toContain('<strong>🍕</strong>Perfect')
  })

  it('keeps a broken raw tag from swallowing the rest of the article', async () => {
    const { text } = await render('Before.\n\n<div class="\n\nVISIBLE after the broken tag.')
    expect(text).toContain('VISIBLE after the broken tag.')
  })

  it('renders footnotes with references and back links that point at each other', async () => {
    const { html } = await render('Claim[^src] and again[^src].\n\n[^src]: The *source*.')
    expect(html).toContain('<a href="#user-content-fn-src" id="user-content-fnref-src" data-footnote-ref="" aria-describedby="user-content-footnote-label">1</a>')
    expect(html).toContain('id="user-content-fnref-src-2"')
    expect(html).toMatch(/<li id="user-content-fn-src">\s*<p>The <em>source<\/em>\. <a href="#user-content-fnref-src" data-footnote-backref=""/)
    expect(html).toContain('href="#user-content-fnref-src-2"')
  })
})

describe('renderMarkdown: headings', () => {
  it('gives headings stable, unprefixed ids, Chinese included', async () => {
    const { html, headings } = await render('## 市场回顾\n\ntext\n\n### Market Review: Q4!\n\n## 市场回顾\n\n<h2 id="x">Raw heading</h2>')
    expect(headings).toEqual([
      { depth: 2, id: '市场回顾', text: '市场回顾' },
      { depth: 3, id: 'market-review-q4', text: 'Market Review: Q4!' },
      { depth: 2, id: '市场回顾-1', text: '市场回顾' },
      { depth: 2, id: 'raw-heading', text: 'Raw heading' },
    ])
    expect(html).toContain('<h2 id="市场回顾">市场回顾</h2>')
    expect(html).toContain('<h3 id="market-review-q4">')
    expect(html).not.toContain('user-content-')
  })

  it('starts slug numbering afresh for every document', async () => {
    await render('## Summary')
    expect((await render('## Summary')).headings[0].id).toBe('summary')
  })

  it('drops empty headings and leaves them out of the outline', async () => {
    const { html, headings } = await render('## [](https://a.example/)\n\n## Real')
    expect(headings).toEqual([{ depth: 2, id: 'real', text: 'Real' }])
    expect(html).toBe('<h2 id="real">Real</h2>')
  })

  it('still prefixes ids that authors wrote in raw HTML, and points their in-page links at them', async () => {
    const { html } = await render('<p id="main">x</p>\n\n<a href="#main">up</a>')
    expect(html).toContain('id="user-content-main"')
    expect(html).toContain('href="#user-content-main"')
  })
})

describe('renderMarkdown: links and images', () => {
  it('opens external links in a new tab without passing rank or referrer', async () => {
    const { html } = await render('[a](https://a.example/x) [b](//b.example/y) [c](/local) [d](mailto:d@e.example)')
    expect(html).toContain('<a href="https://a.example/x" rel="nofollow noopener noreferrer" target="_blank">a</a>')
    expect(html).toContain('<a href="https://b.example/y" rel="nofollow noopener noreferrer" target="_blank">b</a>')
    expect(html).toContain('<a href="mailto:d@e.example">d</a>')
  })

  it('unlinks paths of the source site, which would be dead links here, keeping their text', async () => {
    const { html } = await render('See [NVDA](/analysis/NVDA) and [protected](/cdn-cgi/l/email-protection).')
    expect(html).toBe('<p>See NVDA and protected.</p>')
  })

  it('drops links without text and unlinks links without a usable URL', async () => {
    const { html, text } = await render('before [](https://a.example/) [text]() [void](javascript:void(0);) after')
    expect(html).toBe('<p>before  text void after</p>')
    expect(text).toBe('before text void after')
  })

  it('keeps the text of javascript: links in tables', async () => {
    const { html } = await render(
      corpusBody('en/news/moneycontrol/0788a51f0f8de5cbc07468582359c11b.en.md'),
    )
    expect(html).toMatch(/<td>Sensex<\/td>\s*<td>76,171.08<\/td>/)
    expectInert(html)
  })

  it('renders the image URL the converter glued between two empty images', async () => {
    const { html } = await render('![]()https://static001.infoq.cn/x/y.gif![]()')
    expect(html).toBe(
      '<p><img src="https://static001.infoq.cn/x/y.gif" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer"></p>',
    )
  })

  it('renders the glued images of the real infoq article', async () => {
    const { html } = await render(corpusBody('zh-CN/news/infoq/7KAtH65wwWoM1uqwcdFz.zh-CN.md'))
    expect(html).toContain(
      '<img src="https://static001.infoq.cn/resource/image/46/84/46d55fbaa4f78502ca86652ae6428d84.gif"',
    )
    expect(html).not.toContain('![')
    expect(html).not.toContain(']()')
  })

  it('lazy-loads every image without a referrer, and upgrades protocol-relative ones', async () => {
    const { html } = await render('![a](http://a.example/a.png) ![b](//b.example/b.jpg)')
    expect(html).toContain('<img src="http://a.example/a.png" alt="a" loading="lazy" decoding="async" referrerpolicy="no-referrer">')
    expect(html).toContain('<img src="https://b.example/b.jpg" alt="b" loading="lazy" decoding="async" referrerpolicy="no-referrer">')
  })

  it('keeps small data: images and drops large ones, empty ones and unsafe ones', async () => {
    const pixel = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'
    const photo = `data:image/jpeg;base64,${'A'.repeat(MAX_DATA_IMAGE_URI_LENGTH)}`
    const { html } = await render(
      `![pixel](${pixel}) ![photo](${photo}) ![]() ![rel](x.png) ![js](javascript:alert(1)) ![svg](data:image/svg+xml,%3csvg%3e)`,
    )
    expect(html.match(/<img /g)).toHaveLength(1)
    expect(html).toContain(`<img src="${pixel}" alt="pixel" loading="lazy" decoding="async" referrerpolicy="no-referrer">`)
  })

  it('shows pictures the source served through its Next.js image optimizer', async () => {
    const { html } = await render('![Chart](/_next/image?url=https%3A%2F%2Fcdn.sanity.io%2Fimages%2Fa.png&w=3840&q=75)')
    expect(html).toContain('<img src="https://cdn.sanity.io/images/a.png" alt="Chart"')
  })

  it('drops the 50,000-character pasted photo of the real moneycontrol article', async () => {
    const body = corpusBody('en/news/moneycontrol/fd44a71fbfc686abc7340f46fb6d9f70.en.md')
    expect(body.split('\n').some((line) => line.length > 50_000)).toBe(true)
    const { html } = await render(body)
    for (const [, src] of html.matchAll(/<img src="([^"]*)"/g)) {
      expect(src.length).toBeLessThanOrEqual(MAX_DATA_IMAGE_URI_LENGTH)
    }
  })
})

describe('renderMarkdown: empty markup the converter left behind', () => {
  it('removes empty bold and emphasis', async () => {
    const { html, text } = await render('a ** ** b **** c <b> </b> d <em></em> e _ _ f')
    expect(html).not.toMatch(/<(strong|b|em|i)>\s*<\/\1>/)
    expect(text).toBe('a b c d e _ _ f')
  })

  it('joins bold runs written back to back, and keeps masked numbers', async () => {
    const { text } = await render('**Company Q****1** guidance; card ****1234')
    expect(text).toBe('Company Q1 guidance; card ****1234')
  })

  it('drops bullets and lists left empty by dropped links', async () => {
    const { html } = await render('Menu:\n\n* [](https://a.example/)\n* [](https://b.example/)\n\nBody')
    expect(html).toBe('<p>Menu:</p>\n\n<p>Body</p>')
  })

  it('drops paragraphs of a lone no-break space', async () => {
    const { html } = await render('one\n\n\u00a0\n\ntwo')
    expect(html).toBe('<p>one</p>\n\n<p>two</p>')
  })
})

describe('renderMarkdown: math', () => {
  const prose = 'Sales of $3.025 billion and $4 million.'

  it('leaves dollar amounts alone when math is off', async () => {
    const { html, text } = await render(`${prose} $x^2$ and $$y$$`)
    expect(text).toBe(`${prose} $x^2$ and $$y$$`)
    expect(html).not.toContain('katex')
  })

  it('renders inline and display math with KaTeX on the server when math is on', async () => {
    const { html, text } = await render('Energy $E = mc^2$ here.\n\n$$\n\\frac{a}{b}\n$$', true)
    expect(html).toContain('<span class="katex">')
    expect(html).toContain('<span class="katex-display">')
    expect(html).toContain('<annotation encoding="application/x-tex">E = mc^2</annotation>')
    expect(html).not.toMatch(/mathjax/i)
    expect(text).toContain('E = mc^2')
  })

  it('keeps math headings readable in the outline', async () => {
    const { headings } = await render('## Why $x^2$ grows', true)
    expect(headings).toEqual([{ depth: 2, id: 'why-x2-grows', text: 'Why x^2 grows' }])
  })

  it('does not let KaTeX produce script links', async () => {
    const { html } = await render('$\\href{javascript:alert(1)}{x}$ $\\url{javascript:alert(2)}$', true)
    // The TeX source survives only as escaped annotation text; no link is made of it.
    expect(html).not.toMatch(/<a\b|href=/)
    expect(html).not.toMatch(/<script|\son\w+=/i)
  })
})

describe('renderMarkdown: untrusted HTML', () => {
  const payloads = [
    '<script>alert(1)</script>',
    'x <script>alert(1)</script> y',
    '<img src=x onerror=alert(1)>',
    '<img src="https://a.example/a.png" onerror="alert(1)">',
    '<svg onload=alert(1)><circle r=1 /></svg>',
    '[x](JaVaScRiPt:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](java&#x09;script:alert(1))',
    '[x](<javascript:alert(1)>)',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" &#x6A;avascript:alert(1)">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<a style="background:url(javascript:alert(1))">x</a>',
    '<p style="position:fixed;inset:0">cover</p>',
    '<style>body{display:none}</style>',
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<details open ontoggle=alert(1)>x</details>',
    '<div onmouseover="alert(1)">hover</div>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<picture><source srcset="javascript:alert(1)"><img src="https://a.example/a.png"></picture>',
    '<p action="javascript:alert(1)">x</p>',
    '![x](javascript:alert(1))',
    '<a href="https://a.example/" onclick="alert(1)" target="_self">ok</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  ]

  for (const payload of payloads) {
    it(`renders ${payload} inert`, async () => {
      expectInert((await render(payload)).html)
      expectInert((await render(payload, true)).html)
    })
  }

  it('keeps the readable parts of dropped markup', async () => {
    const { html } = await render('<a style="color:red" href="https://a.example/" onclick="x()">ok</a>')
    expect(html).toBe('<p><a href="https://a.example/" rel="nofollow noopener noreferrer" target="_blank">ok</a></p>')
  })

  it('drops the content of style and script elements instead of showing it', async () => {
    const { text } = await render('before\n\n<style>body{color:red}</style>\n\n<script>alert(1)</script>\n\nafter')
    expect(text).toBe('before after')
  })
})

describe('renderMarkdown: size', () => {
  it('renders 50,000-character lines and 200 KB bodies quickly', async () => {
    const line = 'word '.repeat(12_000) + '[link](https://a.example/) **bold** '.repeat(500)
    const body = `${line}\n\n`.repeat(3)
    expect(body.length).toBeGreaterThan(200_000)
    const started = performance.now()
    const { text } = await render(body)
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(text.startsWith('word word')).toBe(true)
  })
})

describe.skipIf(!existsSync(CORPUS))('renderMarkdown: the real corpus', () => {
  it(
    'renders every article safely',
    async () => {
      const files = corpusFiles()
      expect(files.length).toBeGreaterThan(1000)
      const failures: string[] = []
      for (const file of files) {
        const name = path.relative(CORPUS, file)
        try {
          const { html } = await render(corpusBody(name))
          const problem = [
            [/<script/i, 'script element'],
            [/<[^>]*\son\w+=/i, 'event handler'],
            [/javascript:/i, 'javascript: URL'],
            [/<a\b[^>]*>\s*<\/a>/, 'empty link'],
            [/<(strong|em)>\s*<\/\1>/, 'empty emphasis'],
            [/<img(?![^>]*loading="lazy")/, 'eager image'],
          ].find(([pattern]) => (pattern as RegExp).test(html))
          if (problem) failures.push(`${name}: ${problem[1]}`)
        } catch (error) {
          failures.push(`${name}: threw ${String(error)}`)
        }
      }
      expect(failures).toEqual([])
    },
    300_000,
  )
})
