import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_MAX_AGE } from '@/lib/next/cache-policy';
import { serverNodeOptions } from '../support/next-bin';

const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
const compose = fs.readFileSync('compose.yaml', 'utf8');
const nginx = fs.readFileSync('lib/deploy/nginx.conf', 'utf8');
const dockerignore = fs.readFileSync('.dockerignore', 'utf8').split('\n');

/** The instructions of the last stage: what the running image is. */
function runtimeStage(): string {
  const stages = dockerfile.split(/^FROM /m);
  return stages[stages.length - 1]!;
}

function hasDocker(): boolean {
  return spawnSync('docker', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Builds the image, starts it on a fresh volume and waits for its health check; only where Docker exists. */
function buildAndRunImage(): void {
  const tag = `mesh-matrix-test:${process.pid}`;
  const name = `mesh-matrix-test-${process.pid}`;
  execFileSync('docker', ['build', '-t', tag, '.'], { stdio: 'inherit', timeout: 1_800_000 });
  try {
    execFileSync('docker', ['run', '-d', '--name', name, '-e', 'NEXTAUTH_SECRET=container-test-only', tag]);
    let status = '';
    for (let attempt = 0; attempt < 120 && status !== 'healthy'; attempt++) {
      status = execFileSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', name], { encoding: 'utf8' }).trim();
      if (status === 'unhealthy') break;
      execFileSync('sleep', ['2']);
    }
    expect(status, 'the HEALTHCHECK on /api/health passes once the first start has migrated and seeded').toBe(
      'healthy',
    );
    const user = execFileSync('docker', ['exec', name, 'id', '-u'], { encoding: 'utf8' }).trim();
    expect(user).not.toBe('0');
    const db = execFileSync('docker', ['exec', name, 'ls', '/data'], { encoding: 'utf8' });
    expect(db).toContain('mesh-matrix.db');
  } finally {
    spawnSync('docker', ['rm', '-f', '-v', name], { stdio: 'ignore' });
    spawnSync('docker', ['rmi', tag], { stdio: 'ignore' });
  }
}

describe('the container', () => {
  it('is a multi-stage, non-root image with the database on a volume and a health check, and runs where Docker exists', () => {
    const stages = dockerfile.match(/^FROM .+ AS \w+/gm) ?? [];
    expect(stages.length, 'dependencies, build and runtime stages').toBeGreaterThanOrEqual(3);
    // better-sqlite3 compiles in the first stage; the runtime has no compilers.
    expect(dockerfile).toMatch(/apt-get install[^\n]*\bg\+\+/);
    const runtime = runtimeStage();
    expect(runtime).not.toMatch(/g\+\+|build-essential/);
    expect(runtime).toMatch(/^COPY --from=build /m);
    const user = /^USER (\S+)/m.exec(runtime)?.[1];
    expect(user, 'the runtime stage names a USER').toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtime).toMatch(/NODE_ENV=production/);
    const volume = /^VOLUME \["?([^"\]\s]+)"?\]?/m.exec(runtime)?.[1];
    expect(volume).toBe('/data');
    expect(runtime).toMatch(new RegExp(`DATABASE_PATH=${volume}/`));
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/api\/health/m);
    // The first start migrates and seeds, as `npm run demo` does: the server reads drizzle/ and db/seed/ then.
    expect(runtime).toMatch(/^COPY --from=build \/app\/drizzle /m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/db /m);
    // `npm start`'s server, with its node options (the heap cap): Next's handler behind the one that strips reading
    // pages (lib/next/start-server.ts).
    const cmd = /^CMD (\[.*\])$/m.exec(runtime)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual(['node', ...serverNodeOptions(), '.next/start-server.js']);
    for (const kept of ['node_modules', '.next', 'data', '*.db', '.env']) expect(dockerignore).toContain(kept);

    // compose: the app on a named volume, behind the caching proxy with this repository's config.
    expect(compose).toMatch(/^ {2}app:\n {4}build: \./m);
    expect(compose).toMatch(/- mesh-matrix-data:\/data/);
    expect(compose).toMatch(/NEXTAUTH_SECRET: \$\{NEXTAUTH_SECRET:\?/);
    expect(compose).toMatch(/TRUSTED_PROXY: '1'/);
    expect(compose).toMatch(/image: nginx/);
    expect(compose).toMatch(/\.\/lib\/deploy\/nginx\.conf:\/etc\/nginx\/nginx\.conf:ro/);
    expect(compose).toMatch(/condition: service_healthy/);
    // nginx keeps what the site marks shared, revalidates with validators, and lets signed-in requests through.
    expect(nginx).toMatch(/proxy_pass http:\/\/mesh_matrix_app;/);
    expect(nginx).toMatch(/server app:3000;/);
    expect(nginx).toMatch(/proxy_cache_revalidate on;/);
    expect(nginx).toMatch(/proxy_cache_use_stale updating/);
    expect(nginx).toMatch(/proxy_cache_background_update on;/);
    expect(nginx).toMatch(/proxy_cache_bypass \$signed_in;/);
    expect(nginx).toMatch(/proxy_no_cache \$signed_in;/);
    // The site's Cache-Control decides lifetimes: a fixed proxy_cache_valid or ignored headers would override it.
    expect(nginx).not.toMatch(/proxy_cache_valid|proxy_ignore_headers/);
    expect(nginx).toContain(`s-maxage=${SHARED_MAX_AGE}`);

    if (hasDocker()) buildAndRunImage();
  }, 1_900_000);
});
