/**
 * The yardstick on the machine at hand: nginx serving the same article HTML as
 * `npm start`, both hammered by the same client. Machines of this kind differ by a factor
 * of two or three in throughput, so "at least 30 % of nginx" only means something measured
 * side by side. The client is wrk when installed (\`apt-get install wrk\`): autocannon, one
 * Node process, tops out below nginx on 2 cores and would flatter the ratio.
 * Skipped (and said so) when nginx is not installed (`apt-get install nginx`).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { start, waitForUrl } from './measure'
import { hammer } from './serve'

const installed = (name: string) => ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'].map((d) => path.join(d, name)).find((p) => fs.existsSync(p))
const NGINX = installed('nginx')
const WRK = installed('wrk')

export interface Throughput {
  reqPerSec: number
  p50: number
  p99: number
}

export interface NginxReference {
  version: string
  workers: number
  bytes: number
  client: string
  nginx: Throughput
  kanbao: Throughput
}

const BROWSER_ENCODINGS = 'gzip, deflate, br'

/** wrk's summary: requests/s and the 50th and 99th latency percentiles, in ms. */
export function parseWrk(output: string): Throughput {
  const ms = (label: string) => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\b`, 'm').exec(output)
    if (!m) throw new Error(`wrk: no ${label}% latency in:\n${output}`)
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's']
  }
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output)
  if (!rps) throw new Error(`wrk: no Requests/sec in:\n${output}`)
  return { reqPerSec: Number(rps[1]), p50: ms('50'), p99: ms('99') }
}

async function measureUrl(url: string, seconds: number, connections: number): Promise<Throughput> {
  if (!WRK) {
    const r = await hammer(new URL(url).origin, new URL(url).pathname, seconds, connections)
    return { reqPerSec: r.reqPerSec, p50: r.p50, p99: r.p99 }
  }
  // As hammer() does: the first request's loading stays out of the measurement.
  await (await fetch(url, { signal: AbortSignal.timeout(60_000) })).arrayBuffer()
  const run = spawnSync(WRK, ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-H', `Accept-Encoding: ${BROWSER_ENCODINGS}`, url], { encoding: 'utf8', timeout: (seconds + 30) * 1000 })
  if (run.status !== 0) throw new Error(`wrk failed (${run.status}): ${run.stderr}`)
  return parseWrk(run.stdout)
}

/**
 * nginx's fastest path for the same bytes: the page as a file beside its gzip -9 copy
 * (`gzip_static`), sendfile, no access log, one worker per core, keep-alive.
 */
function config(dir: string, port: number): string {
  const tmp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`
  return `worker_processes auto;
daemon off;
user root;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  gzip_static on;
  types { text/html html; }
  default_type text/html;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(tmp).join('\n  ')}
  server {
    listen 127.0.0.1:${port};
    root ${path.join(dir, 'root')};
    location / { try_files $uri $uri/index.html =404; }
  }
}
`
}

/**
 * Serves `html` at `route` from nginx, then hammers it and `kanbao` + `route` (`npm start`)
 * the same way, one after the other; undefined when nginx is not installed.
 */
export async function nginxReference(html: Buffer, kanbao: string, route: string, port: number, logFile: string, seconds: number, connections: number): Promise<NginxReference | undefined> {
  if (!NGINX) return undefined
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanbao-nginx-'))
  const page = path.join(dir, 'root', route, 'index.html')
  fs.mkdirSync(path.dirname(page), { recursive: true })
  fs.writeFileSync(page, html)
  fs.writeFileSync(`${page}.gz`, zlib.gzipSync(html, { level: 9 }))
  fs.writeFileSync(path.join(dir, 'nginx.conf'), config(dir, port))
  const server = start(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { logFile })
  try {
    const base = `http://127.0.0.1:${port}`
    if (!(await waitForUrl(base + route, 30, (s) => s === 200))) throw new Error(`nginx did not serve ${route} on ${base}; see ${logFile}`)
    const version = spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim().replace(/^nginx version: /, '')
    const nginx = await measureUrl(base + route, seconds, connections)
    const ours = await measureUrl(kanbao + route, seconds, connections)
    return { version, workers: os.availableParallelism(), bytes: html.length, client: WRK ? 'wrk -t1' : 'autocannon', nginx, kanbao: ours }
  } finally {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
