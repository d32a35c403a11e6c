import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { baseURL, secondBaseURL, secondPort, thirdBaseURL, thirdPort } from './tests/e2e/env';

// Debian's Chromium where it is installed (CI, these machines); Playwright's own browser elsewhere.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const hostileSpec = /hostile-input\.spec\.ts$/;
/**
 * Specs that talk only to the server they are pointed at (no env.ts URL, no database file read) run on a second and a
 * third server, each on its own database, so a run spreads over three workers: the suite's own server, the hostile
 * sweep (its own server) and then the third server's specs, and the second server's. Their minutes in a CI run
 * decided which ones: at 648b62b one worker had 20 minutes of specs and the other 13, and CI used two cores for 41% of
 * its time, so browsers waiting on pages left room for a third.
 */
const secondServerSpecs = /\/(accessibility|admin-structure|changesets|discussion|needs-checking|releases)\.spec\.ts$/;
const thirdServerSpecs = /\/(admin-import|import-review|matrix|open-data|trusted)\.spec\.ts$/;
const desktopChrome = { ...devices['Desktop Chrome'], channel: undefined };

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // Three workers. The specs that share a server read each other's writes in order, so each server's project runs on
  // one worker. The suite's own server, the hostile-input sweep (its own server and database,
  // tests/e2e/hostile/types.ts) and the second server start at once; the third server's specs follow the hostile
  // sweep, the shortest of the three.
  workers: 3,
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
      testIgnore: [hostileSpec, secondServerSpecs, thirdServerSpecs],
      workers: 1,
      use: desktopChrome,
    },
    { name: 'hostile-input', testMatch: hostileSpec, workers: 1, use: desktopChrome },
    {
      name: 'second-server',
      testMatch: secondServerSpecs,
      workers: 1,
      use: { ...desktopChrome, baseURL: secondBaseURL },
    },
    {
      name: 'third-server',
      testMatch: thirdServerSpecs,
      workers: 1,
      use: { ...desktopChrome, baseURL: thirdBaseURL },
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
    {
      command: 'npx tsx tests/e2e/serve.ts',
      env: { E2E_PORT: thirdPort, E2E_SKIP_BUILD: '1', E2E_WAIT_FOR: `${baseURL}/api/health` },
      url: `${thirdBaseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
