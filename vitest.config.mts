import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // lib modules are marked server-only for Next; under vitest they are plain server code.
      'server-only': path.join(root, 'tests/support/server-only.ts'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/seeded-template.ts'],
    pool: 'forks',
    // Vitest's default leaves a core idle (availableParallelism - 1): on two cores that is one worker, 165 s; two take 89 s.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
