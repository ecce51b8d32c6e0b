/**
 * contentlayer2 kept running for a dev session (scripts/content-builder.ts). Of the
 * ~2.6 s a one-file `contentlayer2 build` took at 30,000 articles, ~2.5 s was loading
 * contentlayer and its config; loaded once, a one-document run takes ~0.1 s.
 *
 * Runs in the folder it builds (content/ → .contentlayer/generated): one build per
 * line read on stdin, each followed by the marker line (argv[3]) on stdout. What
 * contentlayer prints goes to stdout too, so a build's warnings come before its end.
 * A failed build ends the process (contentlayer's runMain exits on failure).
 */
import readline from 'node:readline'
import * as core from 'contentlayer2/core'

process.stderr.write = process.stdout.write.bind(process.stdout)
const [configPath, marker] = process.argv.slice(2)
const run = core.runMain({ tracingServiceName: 'kanbao', verbose: false, customCwd: process.cwd() })
const config = await core.getConfig({ configPath })['|>'](run)
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line !== 'build') continue
  await core.generateDotpkg({ config, verbose: false })['|>'](run)
  process.stdout.write(`${marker}\n`)
}
