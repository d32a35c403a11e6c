import { spawn } from 'node:child_process';
import { e2eEnv } from './env';
import { serverCommand } from '../support/next-bin';

export interface OwnServer {
  base: string;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** JSON lines of stderr, parsed; other lines (Next's own) are skipped. */
  jsonLines(): Record<string, unknown>[];
  stop(): void;
  /** Resolves once the process has exited, so the port is free for the next one. */
  exited: Promise<void>;
}

/** Where the server started with this offset listens. */
export function ownServerBase(offset: number): string {
  return `http://127.0.0.1:${Number(e2eEnv.E2E_PORT) + offset}`;
}

/**
 * A second production server (`npm start` of the last build) for tests that
 * need another environment or must break its database, on a port derived
 * from E2E_PORT so helpers running side by side do not collide. Resolves
 * once /api/health answers.
 */
export async function startOwnServer(
  offset: number,
  overrides: Record<string, string | undefined>,
): Promise<OwnServer> {
  const base = ownServerBase(offset);
  const port = new URL(base).port;
  // Something already answering there (a server a timed-out run left behind) would pass the health check below for
  // ours, and the tests would talk to the wrong server and database.
  if (
    await fetch(`${base}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is already in use`);
  const env: Record<string, string | undefined> = { ...process.env, ...e2eEnv, NEXTAUTH_URL: base, ...overrides };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(...serverCommand(port), {
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A hook that times out while this waits never gets the handle to stop it; the worker's exit still does.
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  const server: OwnServer = {
    base,
    stderr: () => stderr,
    jsonLines: () =>
      stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => void child.kill('SIGTERM'),
    exited,
  };
  // A first start seeds a new database: 20–30 s on a loaded machine, longer while other servers of the run start too.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on ${base} exited: ${stderr}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    if (Date.now() > deadline) {
      server.stop();
      throw new Error(`server on ${base} did not answer: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
