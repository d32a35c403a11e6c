/**
 * npm run bench [-- --no-build --duration 10 --connections 50 --large-revisions 1000000 --large-db path --skip-large --skip-seeded --skip-lighthouse]
 * npm run bench -- --soak SECONDS   mixed readers, proposals, approvals and a backup, then invariants (soak.ts); only that
 * npm run bench -- --hammer-only    cached / idle vs. under twenty clients hammering uncached views (hammer.ts); only that
 *
 * Builds once, then for the seeded database and a large generated one
 * (db:generate-large) starts the production server and measures with
 * autocannon: req/s and p50/p99 at 50 connections for the public pages and
 * APIs, the same HTML of `/` from a bare node:http server in its own process (the static limit)
 * and the ratio, the first uncached render of `/`, one approval (p50/p99 over
 * 200), server peak RSS, and the compressed size of `/` and of its client
 * JavaScript; on the seeded database also the hammer scenario (hammer.ts). Prints tables and writes
 * bench/results.json.
 */
import { GENEROUS_LIMITS } from './soak';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { openDatabase } from '../../db/client';
import { generateLargeDatabase } from './generate-large';
import { prepareDatabase } from '../../lib/server/init';
import { buildCommand } from '../support/next-bin';
import { printHammer, runHammer, type HammerResult } from './hammer';
import { runSoak } from './soak';
import { startBareServer, type BareServer } from './bare-server';
import { evaluateBudgets, evaluateLighthouse, printBudgets, type BudgetRow } from './budgets';
import { printLighthouse, runLighthouse, type LighthouseScores } from './lighthouse';
import {
  percentile,
  postJson,
  signIn,
  startServer,
  tailOfLog,
  timeProposalApprovals,
  treeRssMb,
  type MatrixJson,
  type RunningServer,
} from './support';

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
const text = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const duration = option('duration', 10);
const connections = option('connections', 50);
const largeRevisions = option('large-revisions', 1_000_000);
const port = 3411;
const staticPort = 3412;
const hammerPort = 3413;
const soakPort = 3414;
/** Marks this run's proposals, so a database kept from an earlier run (`--large-db`) never sees an identical value. */
const RUN = Date.now().toString(36);

interface LoadRow {
  target: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

interface DatasetResult {
  dataset: string;
  rows: LoadRow[];
  staticRatio: number;
  firstRenderMs: number;
  /** Renders right after an approval invalidated the page (warm server, cold page), p50 and max over UNCACHED_ROUNDS. */
  uncachedMs: Record<'home' | 'releaseDiff' | 'cellHistory', { p50: number; max: number }>;
  approvalMs: { p50: number; p99: number; count: number };
  /**
   * The same 200 sequential requests to `/api/health` (one database read, no session, no write) just before the
   * approvals: what any route of Next costs on this machine at that moment, the floor under the approval figure.
   */
  routeFloorMs: { p50: number; p99: number; count: number };
  /** Approving a whole 100-cell changeset over HTTP, one transaction each. */
  changesetApprovalMs: { p50: number; p99: number; count: number; cells: number };
  peakRssMb: number;
  /** Peak RSS per phase of the run, in MB, to show which load makes the peak. */
  peakRssByPhaseMb: Record<string, number>;
  homeHtmlBytes: number;
  homeGzipBytes: number;
  clientJsGzipBytes: number;
  cellClientJsGzipBytes: number;
  /** One full CSV export (every mesh and release) right after a write made its cached copy stale, p50 and max of 3. */
  fullCsvMs: { p50: number; max: number; bytes: number };
  /** Lighthouse on the public pages (seeded data set only). */
  lighthouse?: LighthouseScores[];
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-matrix-bench-'));

async function load(target: string, base: string, urlPath: string): Promise<LoadRow> {
  await autocannon({ url: `${base}${urlPath}`, connections: 10, duration: 2 });
  const result = await autocannon({ url: `${base}${urlPath}`, connections, duration });
  return {
    target,
    path: urlPath,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function timeRouteFloor(base: string): Promise<DatasetResult['routeFloorMs']> {
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    const response = await fetch(`${base}/api/health`);
    await response.arrayBuffer();
    times.push(performance.now() - start);
    if (!response.ok) throw new Error(`/api/health: HTTP ${response.status}`);
  }
  times.sort((a, b) => a - b);
  return {
    p50: Number(percentile(times, 50).toFixed(1)),
    p99: Number(percentile(times, 99).toFixed(1)),
    count: times.length,
  };
}

/** SQLite's quick_check of a database file, read beside the running server (WAL lets it). */
function quickCheck(databasePath: string): string[] {
  const conn = openDatabase(databasePath);
  try {
    return (conn.sqlite.pragma('quick_check(10)') as { quick_check: string }[]).map((row) => row.quick_check);
  } finally {
    conn.sqlite.close();
  }
}

/** 200 proposals by alice on varied cells, then mo approves each one, timed one at a time. */
async function timeApprovals(base: string, meshSlug: string): Promise<DatasetResult['approvalMs']> {
  const times = await timeProposalApprovals(base, meshSlug, 200, `bench ${RUN}`);
  times.sort((a, b) => a - b);
  return {
    p50: Number(percentile(times, 50).toFixed(1)),
    p99: Number(percentile(times, 99).toFixed(1)),
    count: times.length,
  };
}

const CHANGESET_ROUNDS = 20;
const CHANGESET_CELLS = 100;

/**
 * CHANGESET_ROUNDS changesets by alice, each changing CHANGESET_CELLS support
 * cells across the mesh's releases from their current values, each approved
 * whole by mo (`POST /api/v1/changesets/{id}/approve`) and timed.
 */
async function timeChangesetApprovals(base: string, meshSlug: string): Promise<DatasetResult['changesetApprovalMs']> {
  const alice = await signIn(base, 'alice');
  const mo = await signIn(base, 'mo');
  type Matrix = {
    meshes: { version: { label: string } }[];
    categories: { features: { slug: string; kind: string }[] }[];
    cells: Record<string, Record<string, { revisionId: number; support: string | null }>>;
  };
  const newest = (await (await fetch(`${base}/api/v1/matrix?meshes=${meshSlug}`)).json()) as Matrix;
  const rows = newest.categories.flatMap((c) => c.features).filter((f) => f.kind === 'support');
  // The mesh page lists its releases, newest first; take as many as hold enough support cells.
  const page = await (await fetch(`${base}/meshes/${meshSlug}`)).text();
  const linked = [...page.matchAll(new RegExp(`href="/meshes/${meshSlug}/([^"/?]+)"`, 'g'))].map((m) =>
    decodeURIComponent(m[1]!),
  );
  const labels = [...new Set([newest.meshes[0]!.version.label, ...linked])]
    .filter((label) => !['compare', 'manage'].includes(label))
    .slice(0, Math.ceil(CHANGESET_CELLS / rows.length));
  const times: number[] = [];
  for (let round = 0; round < CHANGESET_ROUNDS; round++) {
    const changes: Record<string, unknown>[] = [];
    for (const label of labels) {
      const matrix = (await (
        await fetch(`${base}/api/v1/matrix?meshes=${meshSlug}&versions=${meshSlug}@${encodeURIComponent(label)}`)
      ).json()) as Matrix;
      for (const row of rows) {
        if (changes.length === CHANGESET_CELLS) break;
        const current = matrix.cells[meshSlug]?.[row.slug];
        changes.push({
          mesh: meshSlug,
          version: label,
          feature: row.slug,
          support: current?.support === 'yes' ? 'partial' : 'yes',
          note: `bench ${RUN} changeset ${round}`,
          baseRevisionId: current?.revisionId ?? null,
        });
      }
    }
    const created = await postJson(base, alice, '/api/v1/changesets', {
      title: `Bench changeset ${round}`,
      sources: [{ url: `https://example.org/bench/changeset/${round}` }],
      rationale: 'benchmark',
      changes,
    });
    if (created.status !== 201) throw new Error(`changeset ${round}: HTTP ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: number };
    const start = performance.now();
    const response = await postJson(base, mo, `/api/v1/changesets/${id}/approve`, {});
    times.push(performance.now() - start);
    const body = (await response.json()) as { approved?: number[] };
    if (response.status !== 200 || body.approved?.length !== changes.length)
      throw new Error(`approve changeset ${id}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  times.sort((a, b) => a - b);
  return {
    p50: Number(percentile(times, 50).toFixed(1)),
    p99: Number(percentile(times, 99).toFixed(1)),
    count: times.length,
    cells: CHANGESET_CELLS,
  };
}

const UNCACHED_ROUNDS = 10;

/**
 * Each round approves a change to one cell, which revalidates `/`, the
 * release diff and the cell's history, then times the next request for each:
 * the render a reader waits for after a moderator acts.
 */
async function timeUncachedRenders(
  base: string,
  meshSlug: string,
  label: string,
  featureSlug: string,
): Promise<DatasetResult['uncachedMs']> {
  const alice = await signIn(base, 'alice');
  const mo = await signIn(base, 'mo');
  const paths = {
    home: '/',
    releaseDiff: `/meshes/${meshSlug}/compare`,
    cellHistory: `/meshes/${meshSlug}/${encodeURIComponent(label)}/${featureSlug}`,
  };
  const times: Record<keyof typeof paths, number[]> = { home: [], releaseDiff: [], cellHistory: [] };
  for (let i = 0; i < UNCACHED_ROUNDS; i++) {
    const current = (await (await fetch(`${base}/api/v1/matrix?meshes=${meshSlug}`)).json()) as {
      cells: Record<string, Record<string, { revisionId: number }>>;
    };
    const proposed = await postJson(base, alice, '/api/v1/proposals', {
      baseRevisionId: current.cells[meshSlug]?.[featureSlug]?.revisionId ?? null,
      mesh: meshSlug,
      version: label,
      feature: featureSlug,
      support: i % 2 ? 'yes' : 'partial',
      note: `uncached render ${RUN} ${i}`,
      sources: [{ url: `https://example.org/bench/uncached/${i}` }],
      rationale: 'benchmark',
    });
    if (proposed.status !== 201) throw new Error(`proposal: HTTP ${proposed.status} ${await proposed.text()}`);
    const { id } = (await proposed.json()) as { id: number };
    const approved = await postJson(base, mo, `/api/v1/proposals/${id}/approve`, { overConflict: true });
    if (approved.status !== 200) throw new Error(`approve ${id}: HTTP ${approved.status} ${await approved.text()}`);
    for (const [key, urlPath] of Object.entries(paths) as [keyof typeof paths, string][]) {
      const start = performance.now();
      const response = await fetch(`${base}${urlPath}`);
      const body = await response.text();
      times[key].push(performance.now() - start);
      if (!response.ok || !body.includes(`uncached render ${RUN} ${i}`))
        throw new Error(
          `${urlPath} after approval ${id}: HTTP ${response.status}, new note ${body.includes(`uncached render ${RUN} ${i}`) ? 'shown' : 'missing'}`,
        );
    }
  }
  const summary = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { p50: Number(percentile(sorted, 50).toFixed(1)), max: Number(sorted.at(-1)!.toFixed(1)) };
  };
  return {
    home: summary(times.home),
    releaseDiff: summary(times.releaseDiff),
    cellHistory: summary(times.cellHistory),
  };
}

const CSV_ROUNDS = 3;

/**
 * Each round files a proposal (a write, so the export's cached copy is stale), then times one full CSV download,
 * every mesh and release, read to the end: what the first reader after a change waits for.
 */
async function timeFullCsv(
  base: string,
  meshSlug: string,
  label: string,
  featureSlug: string,
): Promise<DatasetResult['fullCsvMs']> {
  const alice = await signIn(base, 'alice');
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < CSV_ROUNDS; i++) {
    const current = (await (await fetch(`${base}/api/v1/matrix?meshes=${meshSlug}`)).json()) as MatrixJson;
    const proposed = await postJson(base, alice, '/api/v1/proposals', {
      baseRevisionId: current.cells[meshSlug]?.[featureSlug]?.revisionId ?? null,
      mesh: meshSlug,
      version: label,
      feature: featureSlug,
      support: 'unknown',
      note: `full csv ${RUN} ${i}`,
      sources: [{ url: `https://example.org/bench/csv/${i}` }],
      rationale: 'benchmark',
    });
    if (proposed.status !== 201 && proposed.status !== 409)
      throw new Error(`proposal: HTTP ${proposed.status} ${await proposed.text()}`);
    const start = performance.now();
    // Uncompressed, as the 35.9 s it is compared with was measured (curl); Node's fetch would otherwise ask for gzip
    // and time its own decompression as well.
    const response = await fetch(`${base}/api/v1/matrix.csv`, { headers: { 'Accept-Encoding': 'identity' } });
    bytes = (await response.arrayBuffer()).byteLength;
    times.push(performance.now() - start);
    if (!response.ok) throw new Error(`/api/v1/matrix.csv: HTTP ${response.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50: Number(percentile(times, 50).toFixed(1)), max: Number(times.at(-1)!.toFixed(1)), bytes };
}

/**
 * The gzipped size of the scripts a page makes a current browser load. `noModule` scripts (Next's polyfills for
 * browsers without ES modules) are left out: a browser that runs modules never fetches them, and Lighthouse does not
 * count them either.
 */
async function clientJsGzipBytes(base: string, html: string): Promise<number> {
  const scripts = [...html.matchAll(/<script([^>]+)>/g)]
    .filter((m) => !/\snoModule\b/i.test(m[1]!))
    .map((m) => /\ssrc="([^"]+)"/.exec(m[1]!)?.[1])
    .filter((src): src is string => src !== undefined);
  let total = 0;
  for (const src of new Set(scripts))
    total += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer())).length;
  return total;
}

async function runDataset(dataset: string, databasePath: string): Promise<DatasetResult> {
  let peakRss = 0;
  let phase = 'start';
  const peakByPhase: Record<string, number> = {};
  let sampleError: unknown;
  const sample = (pid: number) => {
    try {
      const rss = treeRssMb(pid);
      peakRss = Math.max(peakRss, rss);
      peakByPhase[phase] = Math.round(Math.max(peakByPhase[phase] ?? 0, rss));
    } catch (error) {
      sampleError ??= error;
    }
  };
  let sampler: NodeJS.Timeout | undefined;
  let running: RunningServer | undefined;
  let bare: BareServer | undefined;
  try {
    running = await startServer(
      databasePath,
      port,
      GENEROUS_LIMITS,
      (server) => (sampler = setInterval(() => sample(server.pid!), 250)),
    );
    const { base } = running;
    const first = performance.now();
    const html = await (await fetch(`${base}/`)).text();
    const firstRenderMs = Number((performance.now() - first).toFixed(0));
    // The bytes every later reader gets: the first answer after a render is gzipped fast and the kept copy again at the
    // default level, off the main thread (lib/next/light-response.ts), which a moment covers.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const gz = await fetch(`${base}/`, { headers: { 'Accept-Encoding': 'gzip' } });
    const homeGzipBytes = Number(gz.headers.get('content-length')) || gzipSync(Buffer.from(html)).length;

    const meshes = (await (await fetch(`${base}/api/v1/matrix`)).json()) as {
      meshes: { slug: string; version: { label: string } }[];
      categories: { features: { slug: string; kind: string }[] }[];
    };
    const mesh = meshes.meshes.find((m) => m.slug === 'istio') ?? meshes.meshes[0]!;
    const feature = meshes.categories[0]!.features[0]!.slug;
    const targets: [string, string][] = [
      ['/', '/'],
      ['mesh page', `/meshes/${mesh.slug}`],
      ['release diff', `/meshes/${mesh.slug}/compare`],
      ['cell history', `/meshes/${mesh.slug}/${encodeURIComponent(mesh.version.label)}/${feature}`],
      ['/changes', '/changes'],
      ['/api/v1/matrix', '/api/v1/matrix'],
      ['/api/v1/matrix.csv', '/api/v1/matrix.csv'],
    ];
    const rows: LoadRow[] = [];
    for (const [target, urlPath] of targets) {
      phase = target;
      console.log(`bench [${dataset}]: ${target} ${urlPath} (${connections} connections, ${duration} s)…`);
      rows.push(await load(target, base, urlPath));
    }
    phase = 'bare server';
    bare = await startBareServer(html, staticPort, tmp);
    console.log(`bench [${dataset}]: bare node:http server (own process), same HTML as / …`);
    const staticRow = await load('bare node:http (HTML of /)', bare.base, '/');
    rows.push(staticRow);
    phase = 'approvals';
    console.log(`bench [${dataset}]: 200 requests to /api/health, then 200 approvals…`);
    const routeFloorMs = await timeRouteFloor(base);
    const approvalMs = await timeApprovals(base, mesh.slug);
    phase = 'changesets';
    console.log(`bench [${dataset}]: ${CHANGESET_ROUNDS} changesets of ${CHANGESET_CELLS} cells approved whole…`);
    const changesetApprovalMs = await timeChangesetApprovals(base, mesh.slug);
    phase = 'renders after an approval';
    console.log(`bench [${dataset}]: renders right after an approval…`);
    const supportRow = meshes.categories.flatMap((c) => c.features).find((f) => f.kind === 'support')!.slug;
    const uncachedMs = await timeUncachedRenders(base, mesh.slug, mesh.version.label, supportRow);
    phase = 'full CSV after a write';
    console.log(`bench [${dataset}]: the full CSV right after a write…`);
    const fullCsvMs = await timeFullCsv(base, mesh.slug, mesh.version.label, supportRow);
    const cellPath = `/meshes/${mesh.slug}/${encodeURIComponent(mesh.version.label)}/${feature}`;
    const cellHtml = await (await fetch(`${base}${cellPath}`)).text();
    let lighthouse: LighthouseScores[] | undefined;
    if (dataset === 'seeded' && !flag('skip-lighthouse')) {
      phase = 'Lighthouse';
      console.log(`bench [${dataset}]: Lighthouse on /, a mesh page, a cell page and /changes…`);
      lighthouse = await runLighthouse(base, [
        { name: 'matrix', path: '/' },
        { name: 'mesh page', path: `/meshes/${mesh.slug}` },
        { name: 'cell page', path: cellPath },
        { name: 'changes', path: '/changes' },
      ]);
    }
    // Everything above wrote under load beside the checkpointer thread: the file must still be sound (SQLite before
    // 3.51.3 was not, lib/server/wal-checkpointer.ts).
    const integrity = quickCheck(databasePath);
    console.log(`bench [${dataset}]: database quick_check: ${integrity.join('; ')}`);
    if (integrity.join() !== 'ok')
      throw new Error(`bench [${dataset}]: the database is damaged: ${integrity.join('; ')}`);
    // A peak missing samples would look smaller than it was.
    if (sampleError) throw new Error(`bench [${dataset}]: could not read the server's RSS: ${String(sampleError)}`);
    return {
      dataset,
      rows,
      staticRatio: Number((rows[0]!.requestsPerSecond / staticRow.requestsPerSecond).toFixed(3)),
      firstRenderMs,
      uncachedMs,
      approvalMs,
      routeFloorMs,
      changesetApprovalMs,
      peakRssMb: Math.round(peakRss),
      peakRssByPhaseMb: peakByPhase,
      homeHtmlBytes: Buffer.byteLength(html),
      homeGzipBytes,
      clientJsGzipBytes: await clientJsGzipBytes(base, html),
      cellClientJsGzipBytes: await clientJsGzipBytes(base, cellHtml),
      fullCsvMs,
      lighthouse,
    };
  } catch (error) {
    if (running)
      console.error(`bench [${dataset}]: the server's last lines (${running.logPath}):\n${tailOfLog(running.logPath)}`);
    throw error;
  } finally {
    clearInterval(sampler);
    await bare?.stop();
    await running?.stop();
  }
}

function print(result: DatasetResult) {
  console.log(`\n## ${result.dataset}\n`);
  console.log('| target | path | req/s | p50 ms | p99 ms | errors | non-2xx |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of result.rows)
    console.log(
      `| ${r.target} | ${r.path} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`,
    );
  console.log(`\n- cached / reaches ${(result.staticRatio * 100).toFixed(1)}% of the static server's req/s`);
  console.log(`- first uncached render of / (cold server): ${result.firstRenderMs} ms`);
  const uncached = result.uncachedMs;
  console.log(
    `- uncached render right after an approval (p50 / max of ${UNCACHED_ROUNDS}): / ${uncached.home.p50} / ${uncached.home.max} ms; release diff ${uncached.releaseDiff.p50} / ${uncached.releaseDiff.max} ms; cell history ${uncached.cellHistory.p50} / ${uncached.cellHistory.max} ms`,
  );
  console.log(
    `- one approval over HTTP: p50 ${result.approvalMs.p50} ms, p99 ${result.approvalMs.p99} ms (${result.approvalMs.count} approvals); just before, GET /api/health: p50 ${result.routeFloorMs.p50} ms, p99 ${result.routeFloorMs.p99} ms`,
  );
  const changeset = result.changesetApprovalMs;
  console.log(
    `- approving a ${changeset.cells}-cell changeset over HTTP: p50 ${changeset.p50} ms, p99 ${changeset.p99} ms (${changeset.count} changesets)`,
  );
  console.log(
    `- server peak RSS: ${result.peakRssMb} MB (by phase: ${Object.entries(result.peakRssByPhaseMb)
      .map(([name, mb]) => `${name} ${mb}`)
      .join(', ')})`,
  );
  console.log(
    `- / HTML: ${result.homeHtmlBytes} bytes, ${result.homeGzipBytes} bytes gzipped; client JavaScript ${result.clientJsGzipBytes} bytes gzipped (a cell page: ${result.cellClientJsGzipBytes})`,
  );
  if (result.lighthouse) printLighthouse(result.lighthouse);
  console.log(
    `- the full CSV right after a write (p50 / max of ${CSV_ROUNDS}): ${result.fullCsvMs.p50} / ${result.fullCsvMs.max} ms, ${result.fullCsvMs.bytes} bytes`,
  );
}

async function main() {
  const givenLarge = text('large-db');
  // SQLite pairs a write-ahead log with its database by name only, and a server stopped with its checkpointer thread
  // running leaves its -wal: copying a clean database over the file keeps the old log, which the next open replays
  // into the copy, damaging it. Seen here: two runs ended with "database disk image is malformed".
  if (givenLarge && !flag('skip-large') && fs.existsSync(`${givenLarge}-wal`))
    throw new Error(
      `--large-db: ${givenLarge}-wal exists (a server stopped cleanly leaves none) and would be replayed into ${givenLarge}; if ${givenLarge} is a fresh copy, remove ${givenLarge}-wal and ${givenLarge}-shm first`,
    );
  if (!flag('no-build')) {
    console.log('bench: building (npm run build)…');
    const build = spawnSync(...buildCommand, {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  if (flag('soak')) {
    const ok = await runSoak({ seconds: option('soak', 300), port: soakPort, dir: tmp });
    console.log(`\nbench: soak ${ok ? 'passed' : 'FAILED: an invariant does not hold'}`);
    if (!ok) process.exitCode = 1;
    return;
  }
  if (flag('hammer-only')) {
    printHammer(await runHammer({ port: hammerPort, dir: tmp, duration }));
    return;
  }
  const results: DatasetResult[] = [];
  let hammer: HammerResult | undefined;
  if (!flag('skip-seeded')) {
    results.push(await runDataset('seeded', path.join(tmp, 'seeded.db')));
    print(results.at(-1)!);
    hammer = await runHammer({ port: hammerPort, dir: tmp, duration });
    printHammer(hammer);
  }
  if (!flag('skip-large')) {
    let largePath = text('large-db');
    if (!largePath) {
      largePath = path.join(tmp, 'large.db');
      console.log(`bench: generating the large data set (${largeRevisions} revisions)…`);
      const started = Date.now();
      const conn = openDatabase(largePath);
      prepareDatabase(conn, { seed: false });
      generateLargeDatabase(conn, {
        meshes: 40,
        rows: 300,
        releases: 15,
        revisions: largeRevisions,
        seed: 42,
        pending: 2000,
      });
      conn.sqlite.close();
      console.log(`bench: generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    results.push(await runDataset('large', largePath));
    print(results.at(-1)!);
  }
  const budgets: BudgetRow[] = results.flatMap((result) => [
    ...evaluateBudgets(result),
    ...(result.lighthouse ? evaluateLighthouse(result.lighthouse) : []),
  ]);
  printBudgets(budgets);
  fs.mkdirSync('bench', { recursive: true });
  fs.writeFileSync(
    'bench/results.json',
    JSON.stringify({ at: new Date().toISOString(), duration, connections, results, hammer, budgets }, null, 2),
  );
  console.log('\nbench: results written to bench/results.json');
}

main()
  .catch((error) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
