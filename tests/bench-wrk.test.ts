import { describe, expect, it } from 'vitest'
import { parseWrk } from '../scripts/bench/nginx'

// The bench's nginx yardstick reads wrk's text output; its units change with the numbers.
describe('parseWrk', () => {
  it('reads requests/s and the 50th and 99th percentiles in milliseconds, whatever the unit', () => {
    const out = `Running 10s test @ http://127.0.0.1:3501/news/a/
  Latency Distribution
     50%  930.00us
     75%    1.39ms
     90%    2.10ms
     99%    1.20s
  107089 requests in 3.01s, 1.03GB read
Requests/sec:  35584.12
Transfer/sec:    349.94MB
`
    expect(parseWrk(out)).toEqual({ reqPerSec: 35584.12, p50: 0.93, p99: 1200 })
  })

  it('says what is missing instead of reporting zero', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:3501 Connection refused')).toThrow(/no Requests\/sec|no 50% latency/)
  })
})
