/**
 * In `npm run dev` the content watcher (scripts/dev.ts) checks each saved file
 * and writes the problems here; pages then show them instead of rendering
 * stale or missing content, and recover as soon as the file is fixed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { generatedDir } from '@/lib/content/generated'

export function devErrorsFile(): string {
  return path.join(generatedDir(), '..', 'dev-errors.json')
}

export function writeDevErrors(lines: string[]): void {
  fs.mkdirSync(path.dirname(devErrorsFile()), { recursive: true })
  fs.writeFileSync(devErrorsFile(), JSON.stringify(lines))
}

let cached: { stamp: number; lines: string[] } = { stamp: -1, lines: [] }

export function readDevErrors(): string[] {
  let stamp = 0
  try {
    stamp = fs.statSync(devErrorsFile()).mtimeMs
  } catch {
    return []
  }
  if (stamp !== cached.stamp) {
    try {
      cached = { stamp, lines: JSON.parse(fs.readFileSync(devErrorsFile(), 'utf8')) as string[] }
    } catch {
      cached = { stamp, lines: [] }
    }
  }
  return cached.lines
}

export class ContentError extends Error {
  constructor(lines: string[]) {
    super(`Content has errors — fix the file and reload:\n${lines.join('\n')}`)
    this.name = 'ContentError'
  }
}
