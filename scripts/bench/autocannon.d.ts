// autocannon ships no types; these cover what scripts/bench uses.
declare module 'autocannon' {
  namespace autocannon {
    interface Histogram {
      average: number
      total: number
      p50: number
      p99: number
      max: number
    }
    interface Request {
      path?: string
      method?: string
      headers?: Record<string, string>
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request | undefined
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void
    }
    interface Options {
      url: string
      connections?: number
      duration?: number
      timeout?: number
      headers?: Record<string, string>
      requests?: Request[]
    }
    interface Result {
      requests: Histogram
      latency: Histogram
      errors: number
      timeouts: number
      non2xx: number
      statusCodeStats?: Record<string, { count: number }>
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result> & {
    on(event: 'reqError', listener: (error: Error & { code?: string }) => void): void
  }
  export default autocannon
}
