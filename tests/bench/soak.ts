/**
 * `npm run bench -- --soak N`: N seconds of mixed traffic against the production server (`npm start`) on a fresh seeded database, then
 * the invariants a busy day must not break, checked on the database itself (issue 14).
 *
 * Readers load cached views and per-request ones; alice proposes cell changes through the JSON API; mo and ada
 * approve or reject them, picking from the front of one shared queue so they sometimes decide the same proposal at
 * the same moment, and now and then send a decision twice at once (a double click). `npm run db:backup` runs once
 * halfway through, as an operator would on a live site. The server gets generous rate limits, so what is measured
 * is the app rather than the limiter.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkDatabase } from '../../lib/server/operations';
import { percentile, postJson, signIn, startServer, treeRssMb, type MatrixJson, type RunningServer } from './support';
import { xmlWellFormedProblem } from '../support/xml-well-formed';

export interface SoakOptions {
  seconds: number;
  port: number;
  /** A scratch directory: the database and the backup go here. */
  dir: string;
}

/** Limits far above what the soak sends, so no request is refused for volume (unknown names are ignored). */
/** The bench measures the app, not its limits (the hammer scenario measures those). */
export const GENEROUS_LIMITS = {
  RATE_LIMIT_SIGN_IN: '100000',
  RATE_LIMIT_WRITES_PER_MINUTE: '100000',
  RATE_LIMIT_UNCACHED_PER_MINUTE: '100000',
  RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND: '100000',
  PROPOSAL_MAX_PENDING: '100000',
  PROPOSAL_MAX_PER_HOUR: '100000',
};

const READERS = 8;
const CONTRIBUTORS = 2;
/** Pause between one contributor's proposals, so proposals arrive at roughly the pace moderators can decide them. */
const PROPOSE_PAUSE_MS = 100;
const APPROVE_SHARE = 0.75;
const DOUBLE_CLICK_SHARE = 0.1;

type Kind = 'cached read' | 'uncached read' | 'propose' | 'approve' | 'reject' | 'backup';

/** Latency and status counts per target; the kind groups targets for the summary. */
class Tally {
  readonly targets = new Map<string, { kind: Kind; ms: number[]; statuses: Map<number, number> }>();

  record(kind: Kind, target: string, status: number, ms: number) {
    let row = this.targets.get(target);
    if (!row) this.targets.set(target, (row = { kind, ms: [], statuses: new Map() }));
    row.ms.push(ms);
    row.statuses.set(status, (row.statuses.get(status) ?? 0) + 1);
  }

  byKind() {
    const kinds = new Map<Kind, { ms: number[]; statuses: Map<number, number> }>();
    for (const row of this.targets.values()) {
      let k = kinds.get(row.kind);
      if (!k) kinds.set(row.kind, (k = { ms: [], statuses: new Map() }));
      k.ms.push(...row.ms);
      for (const [status, n] of row.statuses) k.statuses.set(status, (k.statuses.get(status) ?? 0) + n);
    }
    return kinds;
  }
}

/** Status 0 stands for a request that got no HTTP answer at all. */
async function timed(tally: Tally, kind: Kind, target: string, send: () => Promise<Response>) {
  const start = performance.now();
  try {
    const response = await send();
    const body = await response.text();
    tally.record(kind, target, response.status, performance.now() - start);
    return { status: response.status, body };
  } catch {
    tally.record(kind, target, 0, performance.now() - start);
    return { status: 0, body: '' };
  }
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A day between 2019-01-01 (before the seed's oldest source) and yesterday. */
function randomPastDay(): string {
  const from = Date.UTC(2019, 0, 1);
  const to = Date.now() - 86_400_000;
  return new Date(from + Math.random() * (to - from)).toISOString().slice(0, 10);
}

function runBackup(databasePath: string, target: string): Promise<{ code: number | null; ms: number; output: string }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'db:backup', '--', target], {
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, ms: performance.now() - start, output: output.trim() }));
  });
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export async function runSoak({ seconds, port, dir }: SoakOptions): Promise<boolean> {
  const databasePath = path.join(dir, 'soak.db');
  const backupPath = path.join(dir, 'soak-backup.db');
  const run = Date.now().toString(36);
  const tally = new Tally();
  let server: RunningServer | undefined;
  const checks: Check[] = [];
  let rss = { start: 0, end: 0, peak: 0 };
  let sampler: NodeJS.Timeout | undefined;
  let backup: Awaited<ReturnType<typeof runBackup>> | undefined;
  /** What the moderators were told: proposal id → the decision a 200 confirmed (and the revision an approval made). */
  const decided = new Map<number, { action: 'approve' | 'reject'; revisionId?: number; count: number }>();
  const proposed = new Set<number>();
  let elapsedMs = 0;

  try {
    console.log(`bench [soak]: starting the production server on a fresh seeded database (port ${port})…`);
    server = await startServer(databasePath, port, GENEROUS_LIMITS);
    const { base } = server;
    const matrix = (await (await fetch(`${base}/api/v1/matrix`)).json()) as MatrixJson;
    const mesh = matrix.meshes.find((m) => m.slug === 'istio') ?? matrix.meshes[0]!;
    const supportRows = matrix.categories.flatMap((c) => c.features).filter((f) => f.kind === 'support');
    // Cells that already have a value: a proposal names the revision it changes, which any revision of the cell is.
    const cells = matrix.meshes.flatMap((m) =>
      supportRows
        .filter((f) => matrix.cells[m.slug]?.[f.slug])
        .map((f) => ({ mesh: m.slug, version: m.version.label, feature: f.slug })),
    );
    const heads = new Map(cells.map((c) => [`${c.mesh}/${c.feature}`, matrix.cells[c.mesh]![c.feature]!.revisionId]));
    const slugs = matrix.meshes.map((m) => m.slug);
    const cellPage = `/meshes/${mesh.slug}/${encodeURIComponent(mesh.version.label)}/${cells.find((c) => c.mesh === mesh.slug)?.feature ?? supportRows[0]!.slug}`;

    // Weights: cached views are what most readers hit; the per-request ones are the expensive minority.
    const reads: { kind: Kind; target: string; url: () => string; weight: number }[] = [
      { kind: 'cached read', target: '/', url: () => '/', weight: 3 },
      { kind: 'cached read', target: '/meshes', url: () => '/meshes', weight: 3 },
      { kind: 'cached read', target: '/changes', url: () => '/changes', weight: 3 },
      { kind: 'cached read', target: 'mesh page', url: () => `/meshes/${mesh.slug}`, weight: 3 },
      { kind: 'cached read', target: 'cell page', url: () => cellPage, weight: 3 },
      { kind: 'uncached read', target: '/?at=<random day>', url: () => `/?at=${randomPastDay()}`, weight: 1 },
      { kind: 'uncached read', target: '/?q=mtls', url: () => '/?q=mtls', weight: 1 },
      {
        kind: 'uncached read',
        target: '/compare?meshes=<two>',
        url: () => {
          const first = pick(slugs);
          return `/compare?meshes=${first},${pick(slugs.filter((s) => s !== first))}`;
        },
        weight: 1,
      },
      {
        kind: 'uncached read',
        target: `/api/v1/matrix?meshes=${mesh.slug}`,
        url: () => `/api/v1/matrix?meshes=${mesh.slug}`,
        weight: 1,
      },
    ];
    const weighted = reads.flatMap((r) => Array<typeof r>(r.weight).fill(r));

    const alice = await signIn(base, 'alice');
    const moderators = [await signIn(base, 'mo'), await signIn(base, 'ada')];
    // Render every target once, so the start RSS and the first seconds are a warm server rather than first renders.
    for (const r of reads) await (await fetch(`${base}${r.url()}`)).text();
    rss = { start: treeRssMb(server.process.pid!), end: 0, peak: 0 };
    rss.peak = rss.start;
    sampler = setInterval(() => {
      try {
        rss.peak = Math.max(rss.peak, treeRssMb(server!.process.pid!));
      } catch {
        // The server is gone: the soak's own checks report that.
      }
    }, 1000);

    const started = performance.now();
    const deadline = Date.now() + seconds * 1000;
    const running = () => Date.now() < deadline;
    const queue: { id: number; cell: string }[] = [];
    let sequence = 0;

    const reader = async () => {
      while (running()) {
        const r = pick(weighted);
        await timed(tally, r.kind, r.target, () => fetch(`${base}${r.url()}`));
      }
    };
    const contributor = async () => {
      while (running()) {
        const cell = pick(cells);
        const n = sequence++;
        const key = `${cell.mesh}/${cell.feature}`;
        const { status, body } = await timed(tally, 'propose', 'POST /api/v1/proposals', () =>
          postJson(base, alice, '/api/v1/proposals', {
            ...cell,
            support: pick(['yes', 'partial', 'no']),
            note: `soak ${run} ${n}`,
            sources: [{ url: `https://example.org/soak/${run}/${n}` }],
            rationale: 'soak test',
            baseRevisionId: heads.get(key),
          }),
        );
        if (status === 201) {
          const { id } = JSON.parse(body) as { id: number };
          proposed.add(id);
          queue.push({ id, cell: key });
        }
        await sleep(PROPOSE_PAUSE_MS);
      }
    };
    const decide = async (cookie: string, item: { id: number; cell: string }, action: 'approve' | 'reject') => {
      const { status, body } = await timed(tally, action, `POST /api/v1/proposals/{id}/${action}`, () =>
        postJson(
          base,
          cookie,
          `/api/v1/proposals/${item.id}/${action}`,
          action === 'approve' ? { overConflict: true } : { reason: 'Rejected by the soak test' },
        ),
      );
      if (status === 200) {
        const previous = decided.get(item.id);
        const revisionId = action === 'approve' ? (JSON.parse(body) as { revisionId: number }).revisionId : undefined;
        decided.set(item.id, { action, revisionId, count: (previous?.count ?? 0) + 1 });
        if (revisionId) heads.set(item.cell, revisionId);
      }
      return status;
    };
    const moderator = async (cookie: string) => {
      // Keeps deciding after the deadline until the queue is empty, so every proposal ends decided.
      while (running() || queue.length) {
        if (!queue.length) {
          await sleep(20);
          continue;
        }
        // The first few, not the first: two moderators often take the same proposal, as on a real review queue.
        const item = queue[Math.floor(Math.random() * Math.min(3, queue.length))]!;
        const action = Math.random() < APPROVE_SHARE ? 'approve' : 'reject';
        const statuses = await Promise.all(
          Math.random() < DOUBLE_CLICK_SHARE
            ? [decide(cookie, item, action), decide(cookie, item, action)]
            : [decide(cookie, item, action)],
        );
        // A 429 leaves the proposal queued for another try; any other answer settles it one way or another.
        if (statuses.some((s) => s !== 429)) {
          const at = queue.indexOf(item);
          if (at >= 0) queue.splice(at, 1);
        }
      }
    };
    const backupRun = (async () => {
      await sleep((seconds * 1000) / 2);
      console.log('bench [soak]: npm run db:backup, halfway through…');
      backup = await runBackup(databasePath, backupPath);
      tally.record('backup', 'npm run db:backup', backup.code === 0 ? 200 : 500, backup.ms);
    })();

    console.log(
      `bench [soak]: ${seconds} s: ${READERS} readers, ${CONTRIBUTORS} contributors (alice), 2 moderators (mo, ada), one backup…`,
    );
    await Promise.all([
      ...Array.from({ length: READERS }, reader),
      ...Array.from({ length: CONTRIBUTORS }, contributor),
      ...moderators.map(moderator),
      backupRun,
    ]);
    elapsedMs = performance.now() - started;
    clearInterval(sampler);
    rss.end = treeRssMb(server.process.pid!);

    const feed = await fetch(`${base}/changes/feed.xml`);
    const xml = await feed.text();
    const xmlProblem = feed.ok ? xmlWellFormedProblem(xml) : `HTTP ${feed.status}`;
    checks.push({
      name: 'Atom feed /changes/feed.xml is well-formed XML',
      ok: !xmlProblem && xml.includes('<entry>'),
      detail: xmlProblem ?? `${xml.length} bytes, ${xml.split('<entry>').length - 1} entries`,
    });
  } finally {
    clearInterval(sampler);
    await server?.stop();
  }

  checks.push(...databaseChecks(databasePath, decided, proposed));
  checks.push(backupCheck(backupPath, backup));
  const failures = [...tally.byKind().values()].reduce(
    (sum, k) => sum + [...k.statuses].filter(([s]) => s === 0 || s >= 500).reduce((n, [, c]) => n + c, 0),
    0,
  );
  checks.push({
    name: 'no 5xx answers and no failed connections',
    ok: failures === 0,
    detail: `${failures}`,
  });

  printSoak(tally, elapsedMs, rss, backup, checks, proposed.size, decided);
  return checks.every((c) => c.ok);
}

function databaseChecks(
  databasePath: string,
  decided: Map<number, { action: 'approve' | 'reject'; revisionId?: number; count: number }>,
  proposed: Set<number>,
): Check[] {
  const sqlite = new Database(databasePath, { fileMustExist: true });
  try {
    const checks: Check[] = [];
    const report = checkDatabase(sqlite);
    checks.push({
      name: 'integrity_check and foreign_key_check',
      ok: report.ok,
      detail: report.ok
        ? 'ok'
        : `integrity: ${report.integrity.slice(0, 3).join('; ')}; foreign keys: ${report.foreignKeys.length} problems`,
    });

    const notOnce = sqlite
      .prepare(
        `SELECT p.id, p.result_revision_id AS result, count(r.id) AS n, min(r.id) AS revision FROM proposals p
         LEFT JOIN revisions r ON r.proposal_id = p.id WHERE p.status = 'approved' GROUP BY p.id
         HAVING n != 1 OR p.result_revision_id IS NOT revision`,
      )
      .all() as { id: number; n: number }[];
    const strays = sqlite
      .prepare(
        `SELECT count(*) AS n FROM revisions r JOIN proposals p ON p.id = r.proposal_id WHERE p.status != 'approved'`,
      )
      .get() as { n: number };
    checks.push({
      name: 'each approved proposal has exactly one revision (its result), none for other proposals',
      ok: notOnce.length === 0 && strays.n === 0,
      detail:
        notOnce.length || strays.n
          ? `${notOnce.length} approved proposals without exactly one revision (first: ${JSON.stringify(notOnce.slice(0, 3))}); ${strays.n} revisions of undecided or rejected proposals`
          : 'ok',
    });

    const status = sqlite.prepare('SELECT status, result_revision_id AS result FROM proposals WHERE id = ?');
    const wrong: string[] = [];
    for (const [id, decision] of decided) {
      const row = status.get(id) as { status: string; result: number | null } | undefined;
      const expected = decision.action === 'approve' ? 'approved' : 'rejected';
      if (decision.count !== 1) wrong.push(`${id}: ${decision.count} answers of 200`);
      else if (row?.status !== expected) wrong.push(`${id}: a 200 to ${decision.action}, but it is ${row?.status}`);
      else if (decision.action === 'approve' && row.result !== decision.revisionId)
        wrong.push(`${id}: approved as revision ${decision.revisionId}, recorded ${row.result}`);
    }
    // The other way round: a proposal of this run decided in the database must be one a moderator heard about.
    const decidedRows = sqlite
      .prepare(`SELECT id, status FROM proposals WHERE status IN ('approved', 'rejected')`)
      .all() as { id: number; status: string }[];
    const unheard = decidedRows.filter((r) => proposed.has(r.id) && !decided.has(r.id));
    const pending = (
      sqlite.prepare(`SELECT id FROM proposals WHERE status = 'pending'`).all() as { id: number }[]
    ).filter((r) => proposed.has(r.id));
    checks.push({
      name: 'every 200 a moderator got matches the proposal (one decision, the same revision), and vice versa',
      ok: wrong.length === 0 && unheard.length === 0,
      detail:
        wrong.length || unheard.length
          ? `${wrong.slice(0, 5).join('; ')}${unheard.length ? `; decided without a 200: ${unheard.slice(0, 5).map((r) => r.id)}` : ''}`
          : `${[...decided.values()].filter((d) => d.action === 'approve').length} approvals, ${[...decided.values()].filter((d) => d.action === 'reject').length} rejections, ${pending.length} of this run still pending`,
    });

    const behind = sqlite
      .prepare(
        `SELECT count(*) AS n FROM (SELECT mesh_version_id, feature_id, max(id) AS newest FROM revisions
         GROUP BY mesh_version_id, feature_id) c
         LEFT JOIN cell_heads h ON h.mesh_version_id = c.mesh_version_id AND h.feature_id = c.feature_id
         WHERE h.revision_id IS NOT c.newest`,
      )
      .get() as { n: number };
    checks.push({
      name: 'no cell head behind (or missing for) its newest revision',
      ok: behind.n === 0,
      detail: behind.n ? `${behind.n} cells` : 'ok',
    });
    return checks;
  } finally {
    sqlite.close();
  }
}

function backupCheck(backupPath: string, backup: { code: number | null; output: string } | undefined): Check {
  const name = 'backup written mid-run passes integrity_check and foreign_key_check';
  if (!backup) return { name, ok: false, detail: 'the backup never ran' };
  if (backup.code !== 0) return { name, ok: false, detail: `exit ${backup.code}: ${backup.output}` };
  const sqlite = new Database(backupPath, { fileMustExist: true, readonly: true });
  try {
    const report = checkDatabase(sqlite);
    const revisions = (sqlite.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n;
    return { name, ok: report.ok, detail: report.ok ? `ok (${revisions} revisions)` : report.integrity.join('; ') };
  } finally {
    sqlite.close();
  }
}

const round = (ms: number) => Number(ms.toFixed(1));

function printSoak(
  tally: Tally,
  elapsedMs: number,
  rss: { start: number; end: number; peak: number },
  backup: { code: number | null; ms: number } | undefined,
  checks: Check[],
  proposals: number,
  decided: Map<number, unknown>,
) {
  const seconds = elapsedMs / 1000;
  const statusText = (statuses: Map<number, number>, kind: Kind) => {
    const parts: string[] = [];
    for (const [status, n] of [...statuses].sort(([a], [b]) => a - b)) {
      if (status >= 200 && status < 400) continue;
      // Two moderators deciding one proposal: the loser's 409 is the right answer, not a fault.
      const label =
        status === 0
          ? 'no answer'
          : status === 429
            ? '429 (rate limited)'
            : status === 409 && (kind === 'approve' || kind === 'reject')
              ? '409 (already decided: lost race)'
              : String(status);
      parts.push(`${label} ×${n}`);
    }
    return parts.join(', ') || '-';
  };
  console.log(`\n## soak (${seconds.toFixed(1)} s)\n`);
  console.log('| kind | target | requests | req/s | p50 ms | p99 ms | 2xx/3xx | not 2xx/3xx |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  const rows = [...tally.targets].sort(([, a], [, b]) => a.kind.localeCompare(b.kind));
  for (const [target, row] of rows) {
    const sorted = [...row.ms].sort((a, b) => a - b);
    const ok = [...row.statuses].filter(([s]) => s >= 200 && s < 400).reduce((n, [, c]) => n + c, 0);
    console.log(
      `| ${row.kind} | ${target} | ${row.ms.length} | ${(row.ms.length / seconds).toFixed(1)} | ${round(percentile(sorted, 50))} | ${round(percentile(sorted, 99))} | ${ok} | ${statusText(row.statuses, row.kind)} |`,
    );
  }
  console.log('\n| kind | requests | req/s | p50 ms | p99 ms | 429 | 409 lost race | errors (any other status) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  let total = 0;
  for (const [kind, k] of tally.byKind()) {
    total += k.ms.length;
    const sorted = [...k.ms].sort((a, b) => a - b);
    const decision = kind === 'approve' || kind === 'reject';
    const errors = new Map(
      [...k.statuses].filter(([s]) => (s < 200 || s >= 400) && s !== 429 && !(decision && s === 409)),
    );
    console.log(
      `| ${kind} | ${k.ms.length} | ${(k.ms.length / seconds).toFixed(1)} | ${round(percentile(sorted, 50))} | ${round(percentile(sorted, 99))} | ${k.statuses.get(429) ?? 0} | ${decision ? (k.statuses.get(409) ?? 0) : '-'} | ${statusText(errors, kind)} |`,
    );
  }
  console.log(`\n- throughput: ${total} requests in ${seconds.toFixed(1)} s = ${(total / seconds).toFixed(1)} req/s`);
  console.log(`- proposals made: ${proposals}; decided with a 200: ${decided.size}`);
  console.log(
    `- server process tree RSS: ${Math.round(rss.start)} MB at the start, ${Math.round(rss.end)} MB at the end (peak ${Math.round(rss.peak)} MB)`,
  );
  if (backup)
    console.log(`- npm run db:backup: exit ${backup.code} in ${Math.round(backup.ms)} ms (npm and tsx start included)`);
  console.log('\nInvariants:');
  for (const c of checks) console.log(`- ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
}
