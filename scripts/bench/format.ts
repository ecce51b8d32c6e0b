/** How the bench's table writes numbers. */

export const int = (n: number) => Math.round(n).toLocaleString('en-US')

/** Seconds; from two minutes on as "m min s s", rounded as a whole (never "57 min 60 s"). */
export function sec(s: number): string {
  const whole = Math.round(s)
  return whole >= 120 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${s.toFixed(s < 10 ? 2 : 1)} s`
}

export const mem = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${Math.round(b / 2 ** 20)} MiB`)

export const ms = (n: number) => `${n < 10 ? n.toFixed(2) : Math.round(n)} ms`
