import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    // Each proxy test file starts its own Dovecot; two cores, so two files at a time.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          // tests/firefox has its own config (npm run test:firefox: it needs the Firefox build).
          exclude: [
            'tests/extension/**',
            'tests/firefox/**',
            'tests/distribution/**',
            '**/node_modules/**',
          ],
        },
      },
      {
        // What a person downloads and the README's commands: they build into the same folders
        // (dist/, .output/), so they run one file at a time, after the other projects.
        extends: true,
        test: {
          name: 'distribution',
          include: ['tests/distribution/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Code that uses extension APIs, on WXT's in-memory fake browser.
        extends: true,
        plugins: [WxtVitest()],
        test: { name: 'extension', include: ['tests/extension/**/*.test.ts'] },
      },
    ],
  },
});
