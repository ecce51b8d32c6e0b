// `npm start`: serves the production build (PORT, default 3000, or `-p N`; `-H address` to listen on one address).
//
// Prerendered pages are files, and sending one from memory costs a fraction of a
// millisecond, so they are served by front workers, one per core (WEB_CONCURRENCY to
// change it), sharing the port: one Node process was a fifth of nginx's throughput on 2
// cores, two are about two fifths. Everything else (search, redirects, unknown URLs,
// client-side navigation data, Draft Mode) is handed to a single Next process
// (next-backend.mjs) over a Unix socket, so the search indexes and Next are held once.
// Beyond `next start`, the front also says clearly when there is no build and refuses
// TRACE/TRACK/CONNECT with 405 (Next turns them into a 500 from inside its fetch adapter).
import { fork } from 'node:child_process'
import cluster from 'node:cluster'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { heapLimitMb, heapNeededMb, searchPaths } from './server-heap.mjs'

const dist = process.env.NEXT_DIST_DIR || '.next'
if (!fs.existsSync(path.join(dist, 'BUILD_ID'))) {
  console.error(`start: no production build in ${dist}/ — run \`npm run build\` first (with the same CONTENT_DIR and NEXT_DIST_DIR)`)
  process.exit(1)
}
const args = process.argv.slice(2)
const option = (...names) => {
  const i = args.findIndex((a) => names.includes(a))
  return i >= 0 ? args[i + 1] : undefined
}
const port = Number(option('-p', '--port') ?? process.env.PORT ?? 3000)
// Not $HOSTNAME: shells and containers set it to the machine's own name.
const hostname = option('-H', '--hostname') ?? '0.0.0.0'
const workers = Number(process.env.WEB_CONCURRENCY) || os.availableParallelism()
const socket = path.join(os.tmpdir(), `kanbao-next-${process.pid}.sock`)
sweepStaleSockets(os.tmpdir())

// A large site's search indexes need a larger heap than Node's default (server-heap.mjs).
const heapMb = heapNeededMb(dist)
const backend = fork(fileURLToPath(new URL('./next-backend.mjs', import.meta.url)), [], {
  env: { ...process.env, KANBAO_BACKEND_SOCKET: socket, KANBAO_PUBLIC_PORT: String(port) },
  execArgv: heapMb > heapLimitMb() ? [`--max-old-space-size=${heapMb}`] : [],
})
let stopping = false
const stop = (code) => {
  stopping = true
  for (const w of Object.values(cluster.workers ?? {})) w?.kill()
  backend.kill()
  fs.rmSync(socket, { force: true })
  process.exit(code)
}
backend.on('exit', (code, signal) => {
  if (stopping) return
  console.error(`start: the Next process stopped (${signal ?? `exit ${code}`})`)
  stop(1)
})
await new Promise((resolve) => backend.once('message', resolve))

cluster.setupPrimary({ exec: fileURLToPath(new URL('./front.mjs', import.meta.url)), args: [] })
const frontEnv = { KANBAO_BACKEND_SOCKET: socket, KANBAO_PORT: String(port), KANBAO_HOSTNAME: hostname }
let listening = 0
cluster.on('listening', () => {
  if (++listening !== workers) return
  console.log(`▲ Kanbao ready on http://localhost:${port} (${dist}; ${workers} front workers)`)
  warmSearch()
})
cluster.on('exit', (worker, code, signal) => {
  if (stopping) return
  console.error(`start: front worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`})`)
  stop(1)
})
for (let i = 0; i < workers; i++) cluster.fork(frontEnv)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0))

// Loading a locale's search index takes seconds at tens of thousands of articles;
// do it now, in the background, rather than in the first reader's search. One at a
// time: parsing an index needs several times its final size for a moment.
async function warmSearch() {
  for (const searchPath of searchPaths(dist)) {
    await fetch(`http://127.0.0.1:${port}${searchPath}?q=warmup`, { signal: AbortSignal.timeout(300_000) }).catch(() => {})
  }
}

// A server killed outright (SIGKILL, a crash of the whole group) cannot remove its
// socket file; the next start removes those of servers that are no longer running.
function sweepStaleSockets(dir) {
  for (const name of fs.readdirSync(dir)) {
    const pid = /^kanbao-next-(\d+)\.sock$/.exec(name)?.[1]
    if (pid && !running(Number(pid))) fs.rmSync(path.join(dir, name), { force: true })
  }
}

function running(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM' // someone else's process
  }
}
