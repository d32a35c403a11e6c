import { spawn, spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eEnv } from './env';
import { serverCommand } from '../support/next-bin';

test('GET /api/v1/matrix returns the documented shape', async ({ request }) => {
  const response = await request.get('/api/v1/matrix');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(Date.parse(body.generatedAt)).not.toBeNaN();
  expect(body.meshes.map((m: { slug: string }) => m.slug)).toContain('istio');
  expect(body.meshes.find((m: { slug: string }) => m.slug === 'istio').version).toEqual({
    label: '1.20',
    releasedOn: null,
  });
  expect(body.categories[0].features[0]).toEqual(
    expect.objectContaining({ slug: expect.any(String), definition: expect.any(String), kind: expect.any(String) }),
  );
  expect(body.cells.istio.mtls).toEqual(
    expect.objectContaining({
      support: 'yes',
      revisionId: expect.any(Number),
      updatedAt: expect.any(String),
      carriedFrom: null,
    }),
  );
  expect(body.cells.istio.mtls.sources[0]).toEqual({
    url: expect.stringMatching(/^https?:\/\//),
    title: expect.any(String),
  });
});

test('?meshes= narrows and ?versions= picks releases', async ({ request }) => {
  const body = await (await request.get('/api/v1/matrix?meshes=istio,linkerd&versions=istio@1.3,linkerd@2.6')).json();
  expect(
    body.meshes.map((m: { slug: string; version: { label: string } }) => `${m.slug}@${m.version.label}`).sort(),
  ).toEqual(['istio@1.3', 'linkerd@2.6']);
  expect(body.cells.linkerd['circuit-breaking'].support).toBe('no');
});

test('unknown meshes and releases answer 400 naming them', async ({ request }) => {
  const mesh = await request.get('/api/v1/matrix?meshes=istio,nosuchmesh');
  expect(mesh.status()).toBe(400);
  expect((await mesh.json()).error).toContain('nosuchmesh');
  const release = await request.get('/api/v1/matrix?versions=istio@9.9');
  expect(release.status()).toBe(400);
  expect((await release.json()).error).toContain('istio@9.9');
  const malformed = await request.get('/api/v1/matrix?versions=istio');
  expect(malformed.status()).toBe(400);
  const { fieldErrors } = await malformed.json();
  expect(Object.keys(fieldErrors)).toEqual(['versions.0']);
  expect(fieldErrors['versions.0'][0]).toMatch(/^versions\.0 .*mesh@release/);
});

test('GET /api/health answers 200 with the database reachable', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, database: 'reachable' });
});

/** Starts the production server with a changed environment and collects what it prints until it exits or listens. */
async function startServer(overrides: Record<string, string | undefined>) {
  const env: Record<string, string | undefined> = { ...process.env, ...e2eEnv, ...overrides };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(...serverCommand('3299'), { env: env as NodeJS.ProcessEnv });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', resolve);
    const poll = setInterval(() => {
      if (/Ready in/.test(stdout)) {
        clearInterval(poll);
        // Start-up checks run right after "Ready"; give them a moment to print.
        setTimeout(() => child.kill('SIGTERM'), 2000);
      }
    }, 100);
    child.on('exit', () => clearInterval(poll));
  });
  const lines = (text: string) => text.split('\n').filter((line) => line.trim() && !line.includes('npm warn'));
  return { code, stderr: lines(stderr), stdout: lines(stdout) };
}

test('a server started with an unusable DATABASE_PATH exits with one clear line', async () => {
  const { code, stderr } = await startServer({ DATABASE_PATH: '/nonexistent-dir/mesh.db', AUTH_DEMO: undefined });
  expect(code).toBe(1);
  expect(stderr).toEqual([
    'mesh-matrix: DATABASE_PATH: directory /nonexistent-dir does not exist (create it or point DATABASE_PATH at a writable location)',
  ]);
});

test('a production server without NEXTAUTH_SECRET refuses to start with one clear line', async () => {
  const { code, stderr } = await startServer({ NEXTAUTH_SECRET: undefined, AUTH_DEMO: undefined });
  expect(code).toBe(1);
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(/^mesh-matrix: NEXTAUTH_SECRET must be set in production/);
});

test('a production server with AUTH_DEMO=1 prints a loud warning', async () => {
  const { stderr } = await startServer({ DATABASE_PATH: e2eEnv.DATABASE_PATH.replace('e2e.db', 'warning.db') });
  expect(stderr.join('\n')).toMatch(/WARNING: AUTH_DEMO=1 on a production server/);
});

test('a server started on another database file serves that file, not pages cached from the previous one', async ({
  request,
}) => {
  expect(await (await request.get('/')).text()).toContain('Istio');
  const other = e2eEnv.DATABASE_PATH.replace('e2e.db', 'other.db');
  const generate = spawnSync(
    'node_modules/.bin/tsx',
    [
      '--conditions=react-server',
      'tests/bench/generate-large-cli.ts',
      '--out',
      other,
      '--force',
      '--meshes',
      '2',
      '--rows',
      '10',
      '--releases',
      '2',
      '--revisions',
      '200',
      '--pending',
      '2',
    ],
    { encoding: 'utf8' },
  );
  expect(generate.status, generate.stderr).toBe(0);
  const port = '3296';
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...e2eEnv,
    DATABASE_PATH: other,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  };
  const child = spawn(...serverCommand(port), {
    env: env as NodeJS.ProcessEnv,
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(async () => (await request.get(`${base}/api/health`).catch(() => null))?.status(), { timeout: 30_000 })
      .toBe(200);
    const matrix = await (await request.get(`${base}/api/v1/matrix`)).json();
    // `/` leaves out meshes with little data (less than half the rows known); `/?sparse=1` shows them.
    const shown = matrix.meshes.find(
      (m: { coverage: { known: number; rows: number } }) => m.coverage.known * 2 >= m.coverage.rows,
    );
    const html = await (await request.get(`${base}${shown ? '/' : '/?sparse=1'}`)).text();
    expect(html).toContain((shown ?? matrix.meshes[0]).name);
    expect(html).not.toContain('>Istio<');
  } finally {
    child.kill('SIGTERM');
  }
});
