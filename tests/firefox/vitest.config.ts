import { defineConfig } from 'vitest/config';

// The Firefox smoke test (npm run test:firefox builds the Firefox add-on first). Apart from the
// main suite: it needs that build, and one Firefox at a time is plenty on two cores.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    root: new URL('../..', import.meta.url).pathname,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
