/**
 * Which files the check and the content build read again: a changed file always,
 * an untouched one not at all.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { stampFile } from '@/lib/content/file-stamp'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-file-stamp-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const anHourAgo = new Date(Date.now() - 3_600_000)

function write(name: string, text: string, time = anHourAgo): string {
  const file = path.join(tmp, name)
  fs.writeFileSync(file, text)
  fs.utimesSync(file, time, time)
  return file
}

describe('stampFile', () => {
  it('keeps the hash of a file untouched since it was hashed, without reading it', () => {
    const file = write('same.md', 'title: "A"\n')
    const first = stampFile(file)
    expect(first.bytes?.toString()).toBe('title: "A"\n')
    const again = stampFile(file, first.stamp)
    expect(again.bytes).toBeUndefined()
    expect(again.stamp.hash).toBe(first.stamp.hash)
  })

  it('sees an edit that keeps the size and puts the modification time back', () => {
    const file = write('edited.md', 'title: "A"\n')
    const first = stampFile(file)
    write('edited.md', 'title: "B"\n') // the same size and, after utimes, the same mtime
    expect(fs.statSync(file).mtimeMs).toBe(first.stamp.mtimeMs)
    const again = stampFile(file, first.stamp)
    expect(again.bytes?.toString()).toBe('title: "B"\n')
    expect(again.stamp.hash).not.toBe(first.stamp.hash)
  })

  it('reads again a file modified just before it was hashed, whose times a second save could leave unchanged', () => {
    const file = write('fresh.md', 'title: "A"\n', new Date())
    const first = stampFile(file)
    const again = stampFile(file, first.stamp)
    expect(again.bytes?.toString()).toBe('title: "A"\n')
    expect(again.stamp.hash).toBe(first.stamp.hash)
  })

  it('sees the same bytes as the same file after a touch', () => {
    const file = write('touched.md', 'title: "A"\n')
    const first = stampFile(file)
    const later = new Date(Date.now() - 60_000)
    fs.utimesSync(file, later, later)
    const again = stampFile(file, first.stamp)
    expect(again.bytes).toBeDefined()
    expect(again.stamp.hash).toBe(first.stamp.hash)
  })
})
