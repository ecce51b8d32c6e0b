/**
 * The content build runs contentlayer2 in shards: one process per shard, as many
 * at once as there are cores. contentlayer is single-threaded and holds every
 * document of a run in memory, so shards bound its memory (whatever the site's
 * size) and use every core. Files are dealt by a hash of their path, which keeps
 * shards even in size and in their mix of locales and sources.
 */

/** Documents per shard at most: ~1 GiB of contentlayer's memory on the real mix. */
export const DEFAULT_SHARD_SIZE = 6000

/** Fewer documents than this are not worth a process of their own (contentlayer takes seconds to start). */
export const MIN_SHARD_SIZE = 1000

/**
 * As many shards as memory needs, and a multiple of the cores that run them: with
 * 5 shards on 2 cores the last one would run alone, one core idle for a fifth of the
 * build. A build too small to fill every core with MIN_SHARD_SIZE uses fewer.
 */
export function shardCount(files: number, cores = 1, size = DEFAULT_SHARD_SIZE): number {
  const byMemory = Math.max(1, Math.ceil(files / Math.max(1, size)))
  const usable = Math.max(1, Math.min(cores, Math.floor(files / MIN_SHARD_SIZE)))
  return Math.ceil(byMemory / usable) * usable
}

/** FNV-1a: stable across runs and machines, and spreads similar paths evenly. */
export function shardOf(file: string, count: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < file.length; i++) {
    h ^= file.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) % count
}

export function planShards(files: readonly string[], count: number): string[][] {
  const shards: string[][] = Array.from({ length: count }, () => [])
  for (const file of files) shards[shardOf(file, count)].push(file)
  return shards
}
