/**
 * Child processes and what they cost: wall time, CPU time and the peak RSS of
 * the whole process tree. Every child is started in its own process group and
 * remembered, so one call kills everything the bench started, whatever state
 * it is in (normal end, failure, Ctrl-C).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const PAGE = 4096 // x86-64/arm64 Linux base page; /proc/<pid>/stat counts RSS in pages.
const CLOCK_TICKS = 100 // USER_HZ: /proc's CPU times are in 1/100 s on every mainstream Linux.

const live = new Set<ChildProcess>()

/** SIGTERM every process group we started, then SIGKILL what is left after `graceMs`. */
export async function killAll(graceMs = 5000): Promise<void> {
  const groups = [...live].filter((c) => c.exitCode === null && c.signalCode === null)
  for (const c of groups) signalGroup(c, 'SIGTERM')
  const until = Date.now() + graceMs
  while (groups.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < until) await sleep(100)
  for (const c of groups) signalGroup(c, 'SIGKILL')
}

const exitHooks: (() => void)[] = []

/** Synchronous clean-up (restoring an edited file) that must also run on Ctrl-C or a crash. */
export function atExit(fn: () => void): void {
  exitHooks.push(fn)
}

/** For `process.on('exit')`, which cannot wait: run the hooks, SIGKILL every group. */
export function cleanUpNow(): void {
  for (const fn of exitHooks.splice(0)) {
    try {
      fn()
    } catch {
      // Best effort: the next hook and the kills must still run.
    }
  }
  for (const c of live) signalGroup(c, 'SIGKILL')
}

function signalGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  if (!c.pid) return
  try {
    process.kill(-c.pid, signal)
  } catch {
    // Already gone.
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export interface Started {
  child: ChildProcess
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stop: (graceMs?: number) => Promise<void>
}

/**
 * Starts `cmd args` in its own process group (so a signal reaches npm, its
 * shell and every worker below). Output goes to `logFile` and is kept in memory.
 */
export function start(cmd: string, args: string[], opts: { env?: Record<string, string>; logFile: string; cwd?: string }): Started {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true })
  const log = fs.createWriteStream(opts.logFile)
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  let text = ''
  const keep = (b: Buffer) => {
    log.write(b)
    // Enough for the lines we parse; a 100k-page build log stays bounded.
    text = (text + b.toString()).slice(-4_000_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (e) => {
      keep(Buffer.from(`\n[bench] could not start ${cmd}: ${e.message}\n`))
      resolve({ code: 127, signal: null })
    })
    child.on('close', (code, signal) => {
      live.delete(child)
      log.end()
      resolve({ code, signal })
    })
  })
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    signalGroup(child, 'SIGTERM')
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
    // npm does not always pass SIGTERM down; make sure nothing of the group survives.
    signalGroup(child, 'SIGKILL')
  }
  return { child, output: () => text, exited, stop }
}

interface Proc {
  ppid: number
  /** utime + stime, in clock ticks. */
  ticks: number
  /** Start time in ticks since boot: with the pid, names a process even if the pid is reused. */
  started: string
  rssBytes: number
}

/** Every process, from /proc/<pid>/stat (one read each). */
function processTable(): Map<number, Proc> {
  const table = new Map<number, Proc>()
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8')
      // comm (field 2) may contain spaces and parentheses: split after the last ')'; f[0] is field 3.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      table.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), started: f[19], rssBytes: Number(f[21]) * PAGE })
    } catch {
      // Exited while we looked.
    }
  }
  return table
}

/** The pids of `root` and all its descendants. */
function descendants(table: Map<number, Proc>, root: number): number[] {
  const children = new Map<number, number[]>()
  for (const [pid, { ppid }] of table) {
    const list = children.get(ppid)
    if (list) list.push(pid)
    else children.set(ppid, [pid])
  }
  const out: number[] = []
  const todo = [root]
  while (todo.length > 0) {
    const pid = todo.pop()!
    out.push(pid)
    todo.push(...(children.get(pid) ?? []))
  }
  return out.filter((pid) => table.has(pid))
}

/** Sum of the resident set sizes of `root` and its descendants, in bytes (shared pages count once per process). */
export function treeRss(root: number): number {
  const table = processTable()
  return descendants(table, root).reduce((sum, pid) => sum + table.get(pid)!.rssBytes, 0)
}

/** Resident set size of one process in bytes; 0 when it is gone. */
export function rssOf(pid: number): number {
  return processTable().get(pid)?.rssBytes ?? 0
}

/** What a process is, for a reader: the script a node process runs, or the command's name. */
function processName(pid: number): string {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
    // Node's own options come first; some take a value (tsx runs `node --require … --import … script`).
    let i = 1
    while (i < args.length && args[i].startsWith('-')) i += ['-r', '--require', '--import', '--loader', '--experimental-loader'].includes(args[i]) ? 2 : 1
    const script = args[i]
    if (!script) return path.basename(args[0] ?? '?')
    // The script's first plain argument says which job it does (`next build`, a search locale).
    const job = args.slice(i + 1).find((a) => !a.startsWith('-') && !a.includes('/'))
    return [path.basename(script), job].filter(Boolean).join(' ')
  } catch {
    return '?'
  }
}

/** The processes that made up a tree's peak RSS, largest first. */
export interface PeakDetail {
  atSeconds: number
  processes: { name: string; rssBytes: number }[]
}

/** Samples a process tree: peak summed RSS (and who held it), and the CPU time of every process seen in it. */
function treeSampler(root: number) {
  let peak = 0
  let detail: PeakDetail = { atSeconds: 0, processes: [] }
  const began = performance.now()
  const cpu = new Map<string, number>()
  const sample = () => {
    const table = processTable()
    let rss = 0
    const pids = descendants(table, root)
    for (const pid of pids) {
      const p = table.get(pid)!
      rss += p.rssBytes
      cpu.set(`${pid}@${p.started}`, p.ticks)
    }
    if (rss > peak) {
      peak = rss
      const big = pids.filter((pid) => table.get(pid)!.rssBytes >= 64 * 2 ** 20).sort((a, b) => table.get(b)!.rssBytes - table.get(a)!.rssBytes)
      detail = { atSeconds: (performance.now() - began) / 1000, processes: big.map((pid) => ({ name: processName(pid), rssBytes: table.get(pid)!.rssBytes })) }
    }
  }
  const timer = setInterval(sample, 200)
  return {
    stop: () => clearInterval(timer),
    peakRssBytes: () => peak,
    peakDetail: () => detail,
    cpuSeconds: () => [...cpu.values()].reduce((a, b) => a + b, 0) / CLOCK_TICKS,
  }
}

export interface Measured {
  ok: boolean
  code: number | null
  wallSeconds: number
  /** user + sys of the command and every descendant it waited for. */
  cpuSeconds: number
  peakRssBytes: number
  peak: PeakDetail
  output: string
}

/**
 * Runs a command to completion under `bash` while a 200 ms sampler tracks the
 * tree's summed RSS. CPU time is counted twice, both undercounting in their own
 * way, and the larger wins: bash's `times` has the exact user+sys of every
 * descendant that was reaped (Node cannot see its children's rusage), but Next
 * exits without reaping its build workers, whose time then never reaches us;
 * the sampler sees every process but misses the last <200 ms of each.
 */
export async function measure(cmd: string[], opts: { env?: Record<string, string>; logFile: string; timeoutSeconds: number }): Promise<Measured> {
  const timesFile = path.join(os.tmpdir(), `kanbao-bench-times-${process.pid}-${Date.now()}`)
  const script = '"$@"; rc=$?; times > "$BENCH_TIMES_FILE"; exit $rc'
  const began = performance.now()
  const run = start('bash', ['-c', script, 'bash', ...cmd], { env: { ...opts.env, BENCH_TIMES_FILE: timesFile }, logFile: opts.logFile })
  const sampler = treeSampler(run.child.pid!)
  let timedOut = false
  const timeout = setTimeout(() => {
    timedOut = true
    void run.stop()
  }, opts.timeoutSeconds * 1000)
  const { code } = await run.exited
  sampler.stop()
  clearTimeout(timeout)
  const wallSeconds = (performance.now() - began) / 1000
  let reaped = 0
  try {
    // Second line: children's user and sys, e.g. "1m2.345s 0m6.789s".
    const line = fs.readFileSync(timesFile, 'utf8').trim().split('\n')[1] ?? ''
    reaped = [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0)
  } catch {
    // Killed before `times` ran.
  }
  fs.rmSync(timesFile, { force: true })
  return {
    ok: code === 0 && !timedOut,
    code,
    wallSeconds,
    cpuSeconds: Math.max(reaped, sampler.cpuSeconds()),
    peakRssBytes: sampler.peakRssBytes(),
    peak: sampler.peakDetail(),
    output: run.output() + (timedOut ? `\n[bench] timed out after ${opts.timeoutSeconds} s\n` : ''),
  }
}

/** "Generating static pages using 2 workers (5313/5313) in 3.4min" → pages and seconds. */
export function staticGeneration(log: string): { pages: number; seconds: number; workers: number } | undefined {
  const m = /Generating static pages using (\d+) workers? \((\d+)\/(\d+)\) in ([\d.]+)(ms|s|min)/.exec(log)
  if (!m) return undefined
  const unit = { ms: 0.001, s: 1, min: 60 }[m[5] as 'ms' | 's' | 'min']
  return { workers: Number(m[1]), pages: Number(m[3]), seconds: Number(m[4]) * unit }
}

/** Waits until `url` answers with a status `ok` accepts; false after `seconds`. */
export async function waitForUrl(url: string, seconds: number, ok = (status: number) => status < 500, alive = () => true): Promise<boolean> {
  const until = Date.now() + seconds * 1000
  while (Date.now() < until && alive()) {
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) })
      await res.arrayBuffer()
      if (ok(res.status)) return true
    } catch {
      // Not listening yet.
    }
    await sleep(250)
  }
  return false
}
