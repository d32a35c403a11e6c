/**
 * npm run bench [-- --no-build --duration 10 --connections 50]
 *
 * Builds and starts the production server on a freshly seeded database, then
 * loads each public route with autocannon and prints req/s and p50/p99
 * latency, next to the same HTML of `/` served from memory by a bare
 * node:http server (the static limit). Results also go to bench/results.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { nextBin } from '../support/next-bin';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`bench: --${name} must be a positive number`);
    process.exit(2);
  }
  return value;
};
const duration = option('duration', 10);
const connections = option('connections', 50);
const port = 3411;
const staticPort = 3412;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-matrix-bench-'));
const env = { ...process.env, DATABASE_PATH: path.join(dir, 'bench.db'), NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const };

interface Row {
  target: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

async function load(target: string, url: string): Promise<Row> {
  await autocannon({ url, connections: 10, duration: 2 });
  const result = await autocannon({ url, connections, duration });
  return {
    target,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main() {
  if (!flag('no-build')) {
    console.log('bench: building (next build)…');
    const build = spawnSync(nextBin, ['build'], { env, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server: ChildProcess = spawn(nextBin, ['start', '-p', String(port), '-H', '127.0.0.1'], { env, stdio: 'ignore' });
  let staticServer: http.Server | undefined;
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`);
    const base = `http://127.0.0.1:${port}`;
    const html = await (await fetch(`${base}/`)).text();
    staticServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
      res.end(html);
    });
    await new Promise<void>((resolve) => staticServer!.listen(staticPort, '127.0.0.1', resolve));

    const rows: Row[] = [];
    for (const [target, url] of [
      ['/', `${base}/`],
      ['/meshes/istio', `${base}/meshes/istio`],
      ['/api/v1/matrix', `${base}/api/v1/matrix`],
      ['static node:http (same HTML as /)', `http://127.0.0.1:${staticPort}/`],
    ] as const) {
      console.log(`bench: ${target} (${connections} connections, ${duration} s)…`);
      rows.push(await load(target, url));
    }
    const staticRow = rows.at(-1)!;
    const home = rows[0]!;
    console.log('');
    console.log('| target | req/s | p50 ms | p99 ms | errors | non-2xx |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.target} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
    const ratio = home.requestsPerSecond / staticRow.requestsPerSecond;
    console.log(`\n/ served by Next reaches ${(ratio * 100).toFixed(1)}% of the static server's req/s (HTML ${Buffer.byteLength(html)} bytes).`);
    fs.mkdirSync('bench', { recursive: true });
    fs.writeFileSync(
      'bench/results.json',
      JSON.stringify({ at: new Date().toISOString(), duration, connections, htmlBytes: Buffer.byteLength(html), ratio, rows }, null, 2),
    );
  } finally {
    staticServer?.close();
    server.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
