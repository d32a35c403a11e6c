import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { baseURL, secondBaseURL, secondPort } from './tests/e2e/env';

// Debian's Chromium where it is installed (CI, these machines); Playwright's own browser elsewhere.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const hostileSpec = /hostile-input\.spec\.ts$/;
/**
 * Specs that talk only to the server they are pointed at (no env.ts URL, no database file read), moved to a second
 * server so they run on the hostile sweep's worker once it is done: a run's two workers then finish at about the same
 * time. Their minutes in a CI run decided which ones: at 648b62b the first worker had 20 minutes of specs and the second
 * 13, so needs-checking, releases and discussion (about 4 minutes) moved too.
 */
const secondServerSpecs = /\/(accessibility|admin-structure|changesets|discussion|needs-checking|releases)\.spec\.ts$/;
const desktopChrome = { ...devices['Desktop Chrome'], channel: undefined };

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // Two workers. The specs that share the server of `webServer` read each other's writes in order, so that project
  // runs on one worker; the hostile-input sweep (its own server and database, tests/e2e/hostile/types.ts) and then the
  // second server's specs run on the other.
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
    { name: 'chromium', testIgnore: [hostileSpec, secondServerSpecs], workers: 1, use: desktopChrome },
    { name: 'hostile-input', testMatch: hostileSpec, workers: 1, use: desktopChrome },
    {
      name: 'second-server',
      testMatch: secondServerSpecs,
      workers: 1,
      use: { ...desktopChrome, baseURL: secondBaseURL },
    },
  ],
  webServer: [
    {
      command: 'npx tsx tests/e2e/serve.ts',
      url: `${baseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'npx tsx tests/e2e/serve.ts',
      env: { E2E_PORT: secondPort, E2E_SKIP_BUILD: '1', E2E_WAIT_FOR: `${baseURL}/api/health` },
      url: `${secondBaseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
