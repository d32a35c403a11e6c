/**
 * The hammer scenario (issue 14): does a flood of per-request renders slow down the cached pages everyone else
 * reads? Times cached `/` from one autocannon client set, first on an idle server, then while twenty clients send
 * uncached views (`/?at=`, `/?q=`, `/compare`) as fast as they can, each from its own forwarded address so a
 * per-client limit sees twenty clients. The server keeps its default limits: the point is what they protect.
 * Goal: loaded p50 within 2× of unloaded. A cached `/` takes well under a millisecond, so each request is timed here
 * in microseconds (autocannon's whole milliseconds gave an unloaded p50 of 0, which no loaded figure could match).
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { percentileOf } from '@/lib/rules/percentiles';
import type { HammerCounts } from './hammer-clients';
import { startServer, type MatrixJson } from './support';

export interface HammerOptions {
  port: number;
  /** A scratch directory for the scenario's database. */
  dir: string;
  /** Seconds of each autocannon measurement. */
  duration: number;
}

export interface HammerResult {
  unloaded: CachedHome;
  loaded: CachedHome;
  p50Ratio: number;
  p99Ratio: number;
  hammer: {
    clients: number;
    total: number;
    perSecond: number;
    ok: number;
    limited: number;
    other: Record<string, number>;
  };
  pass: boolean;
}

interface CachedHome {
  requestsPerSecond: number;
  /** Microseconds. */
  p50: number;
  /** Microseconds. */
  p99: number;
  non2xx: number;
}

const HAMMER_CLIENTS = 20;
const MEASURING_CONNECTIONS = 4;
/** Time for the hammer to fill the server's queue before the loaded measurement starts. */
const RAMP_MS = 3000;

/** One GET of `/` on a kept-alive connection: its status and its time to the last byte, in microseconds. */
function timeHome(agent: http.Agent, base: string): Promise<{ status: number; micros: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/`, { agent }, (response) => {
        response.on('data', () => undefined);
        response.once('end', () =>
          resolve({ status: response.statusCode ?? 0, micros: Number(process.hrtime.bigint() - started) / 1000 }),
        );
        response.once('error', reject);
      })
      .once('error', reject);
  });
}

/** MEASURING_CONNECTIONS loops, each sending `/` again as soon as the last answer is complete, for `seconds`. */
async function measureHome(base: string, seconds: number): Promise<CachedHome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: MEASURING_CONNECTIONS });
  const micros: number[] = [];
  let non2xx = 0;
  const until = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const { status, micros: taken } = await timeHome(agent, base);
      micros.push(taken);
      if (status < 200 || status > 299) non2xx++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: MEASURING_CONNECTIONS }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  micros.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(micros.length / elapsed),
    p50: Math.round(percentileOf(micros, 50) ?? 0),
    p99: Math.round(percentileOf(micros, 99) ?? 0),
    non2xx,
  };
}

export async function runHammer({ port, dir, duration }: HammerOptions): Promise<HammerResult> {
  console.log(
    `bench [hammer]: starting the production server on a fresh seeded database, TRUSTED_PROXY=1 (port ${port})…`,
  );
  const server = await startServer(path.join(dir, 'hammer.db'), port, { TRUSTED_PROXY: '1' });
  try {
    const { base } = server;
    const matrix = (await (await fetch(`${base}/api/v1/matrix`)).json()) as MatrixJson;
    const slugs = matrix.meshes.map((m) => m.slug);
    for (const url of ['/', '/?at=2022-01-01', '/?q=mtls', `/compare?meshes=${slugs.slice(0, 2).join(',')}`])
      await (await fetch(`${base}${url}`)).text();
    await measureHome(base, 2);

    console.log(`bench [hammer]: cached / unloaded (${MEASURING_CONNECTIONS} connections, ${duration} s)…`);
    const unloaded = await measureHome(base, duration);

    console.log(`bench [hammer]: cached / while ${HAMMER_CLIENTS} clients hammer uncached views…`);
    const child = fork(path.resolve('tests/bench/hammer-clients.ts'), [base, slugs.join(','), String(HAMMER_CLIENTS)]);
    const counts = new Promise<HammerCounts>((resolve, reject) => {
      child.once('message', (message) => resolve(message as HammerCounts));
      child.once('exit', (code) => reject(new Error(`the hammer clients exited (${code}) without reporting`)));
    });
    // Settled before anyone awaits it when the child dies early; the await below still throws.
    counts.catch(() => undefined);
    let loaded: CachedHome;
    try {
      await new Promise((r) => setTimeout(r, RAMP_MS));
      loaded = await measureHome(base, duration);
    } finally {
      child.send('stop');
    }
    const hammered = await counts;

    const ratio = (a: number, b: number) => Number((a / Math.max(b, 0.001)).toFixed(2));
    const { '200': ok = 0, '429': limited = 0, ...other } = hammered.statuses;
    return {
      unloaded,
      loaded,
      p50Ratio: ratio(loaded.p50, unloaded.p50),
      p99Ratio: ratio(loaded.p99, unloaded.p99),
      hammer: {
        clients: HAMMER_CLIENTS,
        total: hammered.total,
        perSecond: Number((hammered.total / hammered.seconds).toFixed(1)),
        ok,
        limited,
        other,
      },
      pass: loaded.p50 <= 2 * unloaded.p50,
    };
  } finally {
    await server.stop();
  }
}

export function printHammer(result: HammerResult) {
  const { unloaded, loaded, hammer } = result;
  console.log(`\n## hammer: cached / while ${hammer.clients} clients hammer uncached views\n`);
  console.log(`| cached / (${MEASURING_CONNECTIONS} connections) | req/s | p50 µs | p99 µs | non-2xx |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(`| unloaded | ${unloaded.requestsPerSecond} | ${unloaded.p50} | ${unloaded.p99} | ${unloaded.non2xx} |`);
  console.log(`| loaded | ${loaded.requestsPerSecond} | ${loaded.p50} | ${loaded.p99} | ${loaded.non2xx} |`);
  console.log(`\n- loaded / unloaded: p50 ×${result.p50Ratio}, p99 ×${result.p99Ratio}`);
  const other = Object.entries(hammer.other).map(([status, n]) => `${status} ×${n}`);
  console.log(
    `- hammer: ${hammer.total} requests (${hammer.perSecond}/s) from ${hammer.clients} clients: 200 ×${hammer.ok}, 429 ×${hammer.limited}${other.length ? `, other ${other.join(', ')}` : ''}`,
  );
  console.log(
    `- goal "loaded p50 within 2× of unloaded": ${result.pass ? 'PASS' : 'FAIL'} (${loaded.p50} µs vs ${unloaded.p50} µs)`,
  );
}
