/**
 * One OS process of the concurrency test (tests/integration/concurrency.test.ts):
 *
 *   node_modules/.bin/tsx --conditions=react-server tests/support/concurrency-worker.ts <dbPath> <role> <seed>
 *
 * role `propose` makes proposals on a few shared cells; role `approve` keeps
 * approving whatever is pending until the file `<dbPath>.stop` appears, then
 * makes one last round. Prints one JSON line of outcome counts and exits 0;
 * errors from the lib functions are counted, never thrown.
 */
import fs from 'node:fs';
import { asc } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { mulberry32 } from '@/tests/bench/generate-large';
import { users, type User } from '@/db/schema';
import { getCellHead } from '@/lib/server/cells/cells';
import { ConflictError, ForbiddenError } from '@/lib/rules/errors';
import { listProposals, proposeCellChange } from '@/lib/server/proposals/proposals';
import { approveProposal, resolveCell } from '@/lib/server/proposals/review';

const WORKER_CELLS: [meshSlug: string, label: string, featureSlug: string][] = [
  ['istio', '1.16.1', 'mtls'],
  ['istio', '1.16.1', 'circuit-breaking'],
  ['linkerd', '2.12', 'mtls'],
];

const PROPOSALS_PER_WORKER = 60;

interface WorkerCounts {
  ok: number;
  conflict: number;
  forbidden: number;
  busy: number;
  other: number;
  /** Of `conflict`: the cell moved since the proposal was made. */
  cellConflict: number;
  /** Of `conflict`: another moderator decided it first. */
  decided: number;
  /** Approvals made with overConflict. */
  overConflict: number;
  errors: string[];
}

const supportLevels = ['yes', 'partial', 'no', 'unknown'] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) ||
    /database is locked|SQLITE_BUSY/i.test(String(error))
  );
}

function count(counts: WorkerCounts, error: unknown): void {
  if (isBusy(error)) counts.busy++;
  else if (error instanceof ConflictError) {
    counts.conflict++;
    if (error.details.currentRevisionId !== undefined) counts.cellConflict++;
    else counts.decided++;
  } else if (error instanceof ForbiddenError) counts.forbidden++;
  else {
    counts.other++;
    if (counts.errors.length < 5)
      counts.errors.push(error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error));
  }
}

async function main(): Promise<void> {
  const [dbPath, role, seedArg] = process.argv.slice(2);
  if (!dbPath || (role !== 'propose' && role !== 'approve') || !seedArg) {
    throw new Error('usage: concurrency-worker.ts <dbPath> <propose|approve> <seed>');
  }
  const seed = Number(seedArg);
  const rand = mulberry32(seed);
  const counts: WorkerCounts = {
    ok: 0,
    conflict: 0,
    forbidden: 0,
    busy: 0,
    other: 0,
    cellConflict: 0,
    decided: 0,
    overConflict: 0,
    errors: [],
  };

  const conn = openDatabase(dbPath);
  try {
    const everyone: User[] = conn.db.select().from(users).orderBy(asc(users.id)).all();
    const contributors = everyone.filter((u) => u.role === 'contributor' && !u.banned);
    const moderators = everyone.filter((u) => u.role !== 'contributor' && !u.banned);
    const cells = WORKER_CELLS.map(([mesh, label, feature]) => resolveCell(mesh, label, feature, conn.db));

    if (role === 'propose') {
      if (!contributors.length) throw new Error('no contributors in the database');
      for (let i = 0; i < PROPOSALS_PER_WORKER; i++) {
        const author = contributors[(i + seed) % contributors.length]!;
        const index = Math.floor(rand() * cells.length);
        const target = cells[index]!;
        try {
          const head = getCellHead(conn.db, target.meshVersionId, target.featureId);
          proposeCellChange(
            author,
            {
              mesh: target.cell.meshSlug,
              version: target.cell.label,
              feature: target.cell.featureSlug,
              support: supportLevels[Math.floor(rand() * supportLevels.length)],
              note: `worker ${seed} proposal ${i}`,
              sources: [{ url: `https://example.org/worker-${seed}/${i}` }],
              rationale: 'concurrency test',
              baseRevisionId: head?.id ?? null,
            },
            { limits: { maxPending: 1000, maxPerHour: 1000 }, db: conn.db },
          );
          counts.ok++;
        } catch (error) {
          count(counts, error);
        }
        await sleep(Math.floor(rand() * 8));
      }
    } else {
      // Approvers share the moderators round-robin by seed.
      const mod = moderators[seed % moderators.length]!;
      const stopFile = `${dbPath}.stop`;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        // Once the proposers are done (the test creates the stop file), make one more round and leave
        // the rest to the test's final pass.
        const stopping = fs.existsSync(stopFile);
        let pending;
        try {
          pending = listProposals(mod, { status: 'pending' }, conn.db);
        } catch (error) {
          count(counts, error);
          await sleep(5);
          continue;
        }
        // Take a few at random, so the moderators collide with each other and with the cells moving.
        const picks = pending
          .map((p) => ({ p, key: rand() }))
          .sort((a, b) => a.key - b.key)
          .slice(0, 3)
          .map(({ p }) => p);
        for (const proposal of picks) {
          const overConflict = rand() < 0.25;
          try {
            approveProposal(mod, { id: proposal.id, ...(overConflict ? { overConflict: true } : {}) }, { db: conn.db });
            counts.ok++;
            if (overConflict) counts.overConflict++;
          } catch (error) {
            count(counts, error);
          }
        }
        if (stopping) break;
        await sleep(10 + Math.floor(rand() * 30));
      }
    }
  } finally {
    conn.sqlite.close();
  }
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
