import { defineConfig } from '@playwright/test'

/**
 * Two suites against production builds:
 * - `site`: the bundled content/, every page kind in three locales, in Chromium;
 * - `corpus` (E2E_SUITE=corpus): the 5,288 real articles of ../shared/corpus,
 *   walked URL by URL against the Hugo site's URL list.
 * Each builds into its own dist dir so they never serve each other's output.
 */
const corpus = process.env.E2E_SUITE === 'corpus'
const port = Number(process.env.E2E_PORT ?? (corpus ? 3200 : 3100))
const env = corpus
  ? { CONTENT_DIR: '../shared/corpus/content', NEXT_DIST_DIR: '.next-corpus', CONTENTLAYER_DIR: '.contentlayer-corpus' }
  : { CONTENT_DIR: 'content', NEXT_DIST_DIR: '.next-e2e', CONTENTLAYER_DIR: '.contentlayer-e2e' }

export default defineConfig({
  testDir: corpus ? 'e2e/corpus' : 'e2e/site',
  timeout: corpus ? 15 * 60_000 : 30_000,
  fullyParallel: !corpus,
  workers: corpus ? 1 : 2,
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
    command: `npm run build && npm start -- -p ${port}`,
    url: `http://127.0.0.1:${port}/`,
    env: { ...env, SITE_URL: `http://127.0.0.1:${port}`, PREVIEW_SECRET: 'e2e-preview-secret' },
    timeout: 20 * 60_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
