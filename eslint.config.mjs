import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    // Playwright hands each fixture a callback named `use`, which the hooks rule takes for React's `use`;
    // no React runs in these specs.
    files: ['tests/e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  // Generated reports; eslint-config-next already ignores .next and next-env.d.ts, and drizzle/meta holds only JSON.
  globalIgnores(['playwright-report/**', 'test-results/**', 'coverage/**']),
]);
