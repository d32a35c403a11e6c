import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { baseURL } from './tests/e2e/env';

// Debian's Chromium where it is installed (CI, these machines); Playwright's own browser elsewhere.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // Two workers, one per project: the specs that share the server of `webServer` read each other's writes in order, so
  // that project runs on one worker, while the hostile-input sweep (its own server and database,
  // tests/e2e/hostile/types.ts) runs beside it on the other.
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // A busy two-core machine (the server, its database and the browser share it) stretches a test's own steps.
  timeout: 120_000,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /hostile-input\.spec\.ts$/,
      workers: 1,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    {
      name: 'hostile-input',
      testMatch: /hostile-input\.spec\.ts$/,
      workers: 1,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
  webServer: {
    command: 'npx tsx tests/e2e/serve.ts',
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
