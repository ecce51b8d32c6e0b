// The search stage's own process (see searchLatency): queries as JSON on stdin, results as JSON on stdout.
import { measureSearch, type Query } from './search'

let input = ''
for await (const chunk of process.stdin) input += chunk
process.stdout.write(JSON.stringify(await measureSearch(JSON.parse(input) as Query[])))
