/**
 * The same fixed piece of CPU work at the start and at the end of every bench run, so that
 * runs on different days can be compared: machines of "this kind" built the same code of
 * the 30k site in 9 min 53 s on one day and 18 min 20 s on another (BENCHMARKS.md), and a
 * clock alone cannot tell slower code from a slower machine. The work is the build's own
 * hottest code that Kanbao owns: rendering real corpus bodies with lib/markdown, on one thread.
 */
import fs from 'node:fs'
import path from 'node:path'
import { splitFrontMatter } from '../../lib/content/check'
import { listMarkdownFiles } from '../../lib/content/files'
import { renderMarkdown } from '../../lib/markdown/render'

export interface Probe {
  bodies: number
  chars: number
  /** The fastest round: the others lost time to the JIT warming up or to other work. */
  seconds: number
}

/** Renders every n-th non-empty corpus body (the same ones each run), `rounds` times. */
export async function cpuProbe(corpus: string, { bodies = 200, rounds = 5 } = {}): Promise<Probe> {
  const files = listMarkdownFiles(corpus).sort()
  const step = Math.max(1, Math.floor(files.length / bodies))
  const picked: string[] = []
  for (let i = 0; i < files.length && picked.length < bodies; i += step) {
    const split = splitFrontMatter(fs.readFileSync(path.join(corpus, files[i]), 'utf8'))
    if (!('error' in split) && split.body.trim()) picked.push(split.body)
  }
  let best = Infinity
  for (let r = 0; r < rounds; r++) {
    const started = performance.now()
    for (const body of picked) await renderMarkdown(body, { math: false })
    best = Math.min(best, (performance.now() - started) / 1000)
  }
  return { bodies: picked.length, chars: picked.reduce((n, b) => n + b.length, 0), seconds: best }
}
