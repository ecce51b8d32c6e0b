/**
 * The editor's loop on a big site: `npm run dev` on the data set, then how long
 * an edit, a new file and a deletion take to show in the page's HTML.
 */
import fs from 'node:fs'
import path from 'node:path'
import { atExit, sleep, start, treeRss, waitForUrl } from './measure'

export interface DevLoop {
  /** Until the first article page answered 200 (the first content build + first compile). */
  readySeconds: number
  editSeconds: number
  addSeconds: number
  deleteSeconds: number
  /** The content builds of those saves as `npm run dev` timed them (its `content: … (N s)` lines): the part before Next's reload. */
  contentSeconds: number[]
  peakRssBytes: number
  /** 5xx answers seen while polling after a change (the page should never break while content rebuilds). */
  serverErrors: number
  lastServerError: string
}

const errors = { count: 0, last: '' }

/** Polls `url` until `check` passes; seconds it took, or throws after `limit` seconds. */
async function until(url: string, check: (html: string, status: number) => boolean, limit: number, what: string): Promise<number> {
  const began = performance.now()
  let last = ''
  while (performance.now() - began < limit * 1000) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(limit * 1000) })
      last = `${res.status}`
      const html = await res.text()
      if (res.status >= 500) {
        errors.count++
        // The two shapes seen: lib/content's "cannot read <file> (<why>)" and a bare "ENOENT: …, open '<file>'".
        const read = /cannot read (\S+) \(([^)]*)\)/.exec(html)
        const sys = /(E[A-Z]+): [^']*'([^']+)'/.exec(html)
        errors.last = `HTTP ${res.status}${read ? `: cannot read ${path.basename(read[1])}: ${read[2]}` : sys ? `: ${sys[1]} ${path.basename(sys[2])}` : ''}`
      }
      if (check(html, res.status)) return (performance.now() - began) / 1000
    } catch (e) {
      last = (e as Error).message
    }
    await sleep(200)
  }
  throw new Error(`dev: ${what} did not show at ${url} within ${limit} s (last: ${last})`)
}

export async function devLoop(opts: { contentDir: string; port: number; distDir: string; logFile: string; readyLimit: number }): Promise<DevLoop> {
  const { identityFromPath } = await import('@/lib/content/identity')
  const { paths } = await import('@/lib/urls')
  const base = `http://localhost:${opts.port}`
  // An English file without CRs, so the title line is a plain `title: "…"` line.
  const folder = path.join(opts.contentDir, 'en/news')
  const source = fs.readdirSync(folder).sort()[0]
  const name = fs.readdirSync(path.join(folder, source)).sort()[0]
  const rel = `en/news/${source}/${name}`
  const file = path.join(opts.contentDir, rel)
  const original = fs.readFileSync(file, 'utf8')
  const urlOf = (r: string) => {
    const id = identityFromPath(r)!
    return base + paths.article(id.locale, id.source, id.slug)
  }
  const addedRel = `en/news/${source}/bench-added-${Date.now()}.en.md`
  const added = path.join(opts.contentDir, addedRel)
  // Put the data set back even when the run is interrupted mid-edit.
  const restore = () => {
    fs.writeFileSync(file, original)
    fs.rmSync(added, { force: true })
  }
  atExit(restore)

  // A cold start, as for an editor opening a fresh clone: no content build state, no
  // generated documents, no compiled pages.
  for (const dir of ['.contentlayer', opts.distDir]) fs.rmSync(dir, { recursive: true, force: true })
  const server = start('npm', ['run', 'dev', '--', '-p', String(opts.port), '-H', 'localhost'], {
    env: {
      CONTENT_DIR: opts.contentDir,
      NEXT_DIST_DIR: opts.distDir,
      // npm run dev's content builds write .contentlayer/ and the app must read what they write.
      CONTENTLAYER_DIR: '.contentlayer',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    logFile: opts.logFile,
  })
  let peak = 0
  const sampler = setInterval(() => {
    if (server.child.pid) peak = Math.max(peak, treeRss(server.child.pid))
  }, 1000)
  try {
    const began = performance.now()
    const alive = () => server.child.exitCode === null && server.child.signalCode === null
    const ready = await waitForUrl(urlOf(rel), opts.readyLimit, (s) => s === 200, alive)
    if (!ready) throw new Error(`dev: ${urlOf(rel)} never answered 200 within ${opts.readyLimit} s${alive() ? '' : ' (npm run dev exited)'}; see ${opts.logFile}`)
    const readySeconds = (performance.now() - began) / 1000

    const title = `Bench edit ${Date.now()}`
    fs.writeFileSync(file, original.replace(/^title: ".*"$/m, `title: "${title}"`))
    const editSeconds = await until(urlOf(rel), (html) => html.includes(title), 120, 'the edited title')
    fs.writeFileSync(file, original)
    await until(urlOf(rel), (html) => !html.includes(title), 120, 'the restored title')

    const addedTitle = `Bench added ${Date.now()}`
    fs.writeFileSync(added, original.replace(/^title: ".*"$/m, `title: "${addedTitle}"`))
    const addSeconds = await until(urlOf(addedRel), (html, status) => status === 200 && html.includes(addedTitle), 120, 'the new file')
    fs.rmSync(added)
    const deleteSeconds = await until(urlOf(addedRel), (_html, status) => status === 404, 120, 'the deletion')

    // Every build after the first (the cold one) was one of the saves above.
    const builds = [...fs.readFileSync(opts.logFile, 'utf8').matchAll(/^content: .* \(([\d.]+) s(?:, failed)?\)$/gm)].map((m) => Number(m[1]))
    const contentSeconds = builds.slice(1)
    return { readySeconds, editSeconds, addSeconds, deleteSeconds, contentSeconds, peakRssBytes: peak, serverErrors: errors.count, lastServerError: errors.last }
  } finally {
    clearInterval(sampler)
    restore()
    await server.stop()
  }
}
