import path from 'node:path';

const port = process.env.E2E_PORT ?? '3210';
export const oidcPort = Number(process.env.E2E_OIDC_PORT ?? Number(port) + 9);
export const baseURL = `http://127.0.0.1:${port}`;
/**
 * A second server on its own database, for the specs of the `second-server` project: they run beside the rest on the
 * other worker instead of after them. Ten ports up leaves room for the servers tests start at small offsets
 * (own-server.ts) and the OpenID provider at +9.
 */
export const secondPort = String(Number(port) + 10);
export const secondBaseURL = `http://127.0.0.1:${secondPort}`;
/** A third, for the `third-server` project, on its own database too: a run's specs then spread over three workers. */
export const thirdPort = String(Number(port) + 20);
export const thirdBaseURL = `http://127.0.0.1:${thirdPort}`;

/** The OpenID Connect identity oauth2-mock-server hands out in these tests. */
export const oidcUser = { sub: 'oidc-olivia', email: 'olivia@oidc.example', name: 'Olivia OIDC' };

/** Environment of the server under test (and of tests that start their own). */
export const e2eEnv = {
  E2E_PORT: port,
  // One folder per port, so the servers of one run (and runs side by side) never share a database.
  DATABASE_PATH: path.resolve('tests/e2e/.data', port, 'e2e.db'),
  NEXT_TELEMETRY_DISABLED: '1',
  NEXTAUTH_URL: baseURL,
  NEXTAUTH_SECRET: 'e2e-secret-not-for-production',
  AUTH_DEMO: '1',
  AUTH_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  AUTH_OIDC_ID: 'mesh-matrix-e2e',
  AUTH_OIDC_SECRET: 'e2e-oidc-client-secret',
  AUTH_OIDC_NAME: 'Test OIDC',
  // The concurrency test sends hundreds of proposals; the flood limits have their own unit tests.
  PROPOSAL_MAX_PENDING: '100000',
  PROPOSAL_MAX_PER_HOUR: '100000',
  COMMENT_MAX_PER_HOUR: '100000',
  // The suite signs in and filters far more often than a person; tests/e2e/limits.spec.ts checks the limits themselves.
  RATE_LIMIT_SIGN_IN: '100000',
  RATE_LIMIT_WRITES_PER_MINUTE: '100000',
  RATE_LIMIT_UNCACHED_PER_MINUTE: '100000',
  RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND: '100000',
};
