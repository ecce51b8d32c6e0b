import { defineConfig } from '@playwright/test'

/**
 * Four suites (E2E_SUITE), three of them against production builds:
 * - `site`: the bundled content/, every page kind in three locales, in Chromium,
 *   built incrementally on top of an earlier build (e2e/site/build-twice.sh);
 * - `corpus` (E2E_SUITE=corpus): the 5,288 real articles of ../shared/corpus,
 *   walked URL by URL against the Hugo site's URL list;
 * - `dev`: `npm run dev` on a scratch copy of content/, edited by the tests;
 * - `hostile` (E2E_SUITE=hostile): e2e/fixtures/hostile, articles full of XSS
 *   payloads, checked for anything that runs or leaks unescaped.
 * Each builds into its own dist dir so they never serve each other's output.
 */
const suite = process.env.E2E_SUITE ?? 'site'
const corpus = suite === 'corpus'
const port = Number(process.env.E2E_PORT ?? { site: 3100, corpus: 3200, dev: 3300, hostile: 3400 }[suite])
const env = {
  site: { CONTENT_DIR: '.e2e-site-content', NEXT_DIST_DIR: '.next-e2e', CONTENTLAYER_DIR: '.contentlayer-e2e' },
  corpus: { CONTENT_DIR: '../shared/corpus/content', NEXT_DIST_DIR: '.next-corpus', CONTENTLAYER_DIR: '.contentlayer-corpus' },
  // `npm run dev` edits nothing of the project's own: it runs on a scratch copy of content/.
  dev: { CONTENT_DIR: '.e2e-dev-content', NEXT_DIST_DIR: '.next-dev', CONTENTLAYER_DIR: '.contentlayer' },
  hostile: { CONTENT_DIR: 'e2e/fixtures/hostile', NEXT_DIST_DIR: '.next-hostile', CONTENTLAYER_DIR: '.contentlayer-hostile' },
}[suite]!
const command = {
  site: `sh e2e/site/build-twice.sh && npm start -- -p ${port}`,
  corpus: `npm run build && npm start -- -p ${port}`,
  dev: `rm -rf .e2e-dev-content && cp -r content .e2e-dev-content && npm run dev -- -p ${port}`,
  // Bound to loopback only, as behind a reverse proxy: unknown URLs must still get the 404 page.
  hostile: `npm run build && npm start -- -p ${port} -H 127.0.0.1`,
}[suite]!

export default defineConfig({
  testDir: `e2e/${suite}`,
  timeout: corpus ? 15 * 60_000 : suite === 'dev' ? 90_000 : 30_000,
  fullyParallel: suite === 'site' || suite === 'hostile',
  workers: suite === 'site' || suite === 'hostile' ? 2 : 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command,
    url: `http://127.0.0.1:${port}/`,
    env: { ...env, SITE_URL: `http://127.0.0.1:${port}`, PREVIEW_SECRET: 'e2e-preview-secret' },
    timeout: 20 * 60_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
