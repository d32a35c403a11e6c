/**
 * What every bench scenario needs: a production server on a database of its own, the RSS of its process tree,
 * demo sign-in, same-origin JSON writes and percentiles. run.ts, soak.ts and hammer.ts share these so each scenario
 * starts and stops the server the same way.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentileOf } from '@/lib/rules/percentiles';
import { serverCommand } from '../support/next-bin';

export async function waitFor(url: string, timeoutMs = 120_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** Pid → [parent pid, RSS in kB] of every process, read from /proc without starting one (Linux). */
function processesFromProc(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = fs.readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      // A process that has exited but not been reaped has no VmRSS line: it holds no memory.
      const rss = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      table.set(Number(name), [ppid, rss]);
    } catch {
      // gone between the listing and the read
    }
  }
  return table;
}

/** The same from `ps`, where there is no /proc. */
function processesFromPs(): Map<number, [number, number]> {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  const table = new Map<number, [number, number]>();
  for (const line of out.trim().split('\n')) {
    const [pid, ppid, rss] = line.trim().split(/\s+/).map(Number);
    table.set(pid!, [ppid!, rss!]);
  }
  return table;
}

/**
 * RSS of the server and every process it started, in MB. Read from /proc where there is one: a `ps` started every
 * quarter second from a bench process holding large answers could fail to start, and a failed sample must not pass
 * for a small one. Throws when the server itself is not found.
 */
export function treeRssMb(pid: number): number {
  const table = fs.existsSync('/proc/self/status') ? processesFromProc() : processesFromPs();
  if (!table.has(pid)) throw new Error(`process ${pid} not found`);
  const tree = new Set([pid]);
  for (let changed = true; changed;) {
    changed = false;
    for (const [child, [parent]] of table)
      if (!tree.has(child) && tree.has(parent)) {
        tree.add(child);
        changed = true;
      }
  }
  let kb = 0;
  for (const member of tree) kb += table.get(member)![1];
  return kb / 1024;
}

/** The site's percentile rule (lib/rules/percentiles.ts); 0 for no samples, which a benchmark table can show. */
export const percentile = (sorted: number[], p: number) => percentileOf(sorted, p) ?? 0;

export async function signIn(base: string, username: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/demo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ csrfToken, username, json: 'true' }),
    redirect: 'manual',
  });
  const session = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  if (!session) throw new Error(`demo sign-in as ${username}: HTTP ${response.status}, no session cookie`);
  return [cookie, session].filter(Boolean).join('; ');
}

/** A JSON write as the site's own pages would send it: same Origin, the session cookie. */
export async function postJson(base: string, cookie: string, urlPath: string, body: unknown) {
  return fetch(`${base}${urlPath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie },
    body: JSON.stringify(body),
  });
}

/** The shape of `GET /api/v1/matrix` the scenarios read. */
export interface MatrixJson {
  meshes: { slug: string; version: { label: string } }[];
  categories: { features: { slug: string; kind: string }[] }[];
  cells: Record<string, Record<string, { revisionId: number } | null | undefined>>;
}

/**
 * Alice proposes `count` changes to the newest release of `meshSlug` (cycling through its support rows), then mo
 * approves them one at a time; returns each approval's milliseconds, in order. `tag` marks the notes, so a database
 * kept from an earlier run never sees an identical value.
 */
export async function timeProposalApprovals(base: string, meshSlug: string, count: number, tag: string) {
  const alice = await signIn(base, 'alice');
  const mo = await signIn(base, 'mo');
  const matrix = (await (await fetch(`${base}/api/v1/matrix?meshes=${meshSlug}`)).json()) as MatrixJson;
  const label = matrix.meshes[0]!.version.label;
  const rows = matrix.categories.flatMap((c) => c.features).filter((f) => f.kind === 'support');
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows[i % rows.length]!;
    const response = await postJson(base, alice, '/api/v1/proposals', {
      mesh: meshSlug,
      version: label,
      feature: row.slug,
      support: i % 2 ? 'yes' : 'partial',
      note: `${tag} ${i}`,
      sources: [{ url: `https://example.org/bench/${i}` }],
      rationale: 'benchmark',
      baseRevisionId: matrix.cells[meshSlug]?.[row.slug]?.revisionId ?? null,
    });
    if (response.status !== 201) throw new Error(`proposal ${i}: HTTP ${response.status} ${await response.text()}`);
    ids.push(((await response.json()) as { id: number }).id);
  }
  const times: number[] = [];
  for (const id of ids) {
    const start = performance.now();
    const response = await postJson(base, mo, `/api/v1/proposals/${id}/approve`, { overConflict: true });
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`approve ${id}: HTTP ${response.status} ${await response.text()}`);
  }
  return times;
}

export interface RunningServer {
  base: string;
  process: ChildProcess;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s), so the next scenario never talks to this server. */
  stop: () => Promise<void>;
  /** The server's stdout and stderr, for the error behind a failed request. */
  logPath: string;
}

/** The last lines of a server's log, to print beside a failure. */
export function tailOfLog(logPath: string, lines = 40): string {
  try {
    return fs.readFileSync(logPath, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/**
 * The production server (`npm start`) on its own database, with the demo accounts on. The server migrates and seeds a missing file on
 * start, so a fresh path is a fresh copy of the seeded database.
 */
export async function startServer(
  databasePath: string,
  port: number,
  extraEnv: Record<string, string> = {},
  /** Called as soon as the process exists, before it answers: run.ts samples peak RSS from here, seeding included. */
  onSpawn?: (server: ChildProcess) => void,
): Promise<RunningServer> {
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_PATH: databasePath,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production' as const,
    AUTH_DEMO: '1',
    NEXTAUTH_SECRET: 'bench-only-secret',
    NEXTAUTH_URL: base,
    ...extraEnv,
  };
  const logPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-server-')), 'server.log');
  const log = fs.openSync(logPath, 'w');
  const server = spawn(...serverCommand(port), { env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  onSpawn?.(server);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill('SIGTERM');
    const killer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await Promise.race([
      waitFor(`${base}/api/health`),
      exited.then(() => {
        throw new Error(`next start on port ${port} exited before answering (is the port taken?)`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, process: server, stop, logPath };
}
