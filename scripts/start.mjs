// `npm start`: next start, after checking there is a build to serve (one clear line otherwise).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const dist = process.env.NEXT_DIST_DIR || '.next'
if (!fs.existsSync(path.join(dist, 'BUILD_ID'))) {
  console.error(`start: no production build in ${dist}/ — run \`npm run build\` first (with the same CONTENT_DIR and NEXT_DIST_DIR)`)
  process.exit(1)
}
const next = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'start', ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => next.kill(signal))
next.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
