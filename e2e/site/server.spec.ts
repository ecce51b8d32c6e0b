import { expect, test } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// `npm start` (scripts/start.mjs) as an operator sees it: a second server on the suite's build,
// with a temp folder of its own so its backend socket can be watched.

const PORT = 3150
const dist = process.env.NEXT_DIST_DIR ?? '.next-e2e'
test.describe.configure({ mode: 'serial' })
const started: ChildProcess[] = []
test.afterEach(() => {
  for (const server of started.splice(0)) if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM')
})

function start(tmp: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/start.mjs', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: { ...process.env, NEXT_DIST_DIR: dist, TMPDIR: tmp, WEB_CONCURRENCY: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  started.push(server)
  return new Promise((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Kanbao ready')) resolve(server)
    })
    server.once('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready`)))
  })
}

const sockets = (tmp: string) => fs.readdirSync(tmp).filter((f) => f.startsWith('kanbao-next-'))

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''])
  await new Promise((resolve) => child.once('exit', resolve))
  return child.pid!
}

test('a server killed outright leaves no socket behind, and one left by an older crash is removed', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-start-'))
  // As a whole process group killed with SIGKILL leaves it: a socket file named after a gone server.
  const stale = `kanbao-next-${await deadPid()}.sock`
  const othersLive = `kanbao-next-${process.pid}.sock`
  for (const f of [stale, othersLive]) fs.writeFileSync(path.join(tmp, f), '')

  const server = await start(tmp)
  const own = `kanbao-next-${server.pid}.sock`
  expect(sockets(tmp).sort()).toEqual([own, othersLive].sort())
  expect((await fetch(`http://127.0.0.1:${PORT}/`)).status).toBe(200)

  server.kill('SIGKILL')
  await expect.poll(() => sockets(tmp), { timeout: 10_000 }).toEqual([othersLive])
  // The workers went with it: nothing answers on the port any more.
  await expect.poll(() => fetch(`http://127.0.0.1:${PORT}/`).then(() => 'answered', () => 'refused'), { timeout: 10_000 }).toBe('refused')
})
