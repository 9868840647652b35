import { defineConfig } from '@playwright/test';

// The extension's browser tests: Debian's Chromium with the built extension (see
// tests/e2e/fixtures.ts). `npm run test:e2e` builds the extension first.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: '.tmp/e2e-results',
  // Two cores, and each file starts its own browser (and proxy, Dovecot): one file at a time.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
});
