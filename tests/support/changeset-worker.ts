/**
 * One moderator of the overlapping-changesets test (tests/integration/changeset-concurrency.test.ts):
 *
 *   node_modules/.bin/tsx --conditions=react-server tests/support/changeset-worker.ts <dbPath> <moderator> <ids>
 *
 * Approves each listed changeset (all its pending cells, as the API's approve does) in the order given,
 * once, as soon as the file `<dbPath>.go` appears, so two workers start together. Prints one JSON line:
 * what each decision approved and left as conflicts, and the errors by kind. Errors are counted, never thrown.
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { users } from '@/db/schema';
import { ConflictError } from '@/lib/rules/errors';
import { decideChangeset } from '@/lib/server/changesets/changesets';
import { approveChangesetInput } from '@/lib/server/changesets/api-inputs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const [dbPath, moderatorName, idList] = process.argv.slice(2);
  if (!dbPath || !moderatorName || !idList) throw new Error('usage: changeset-worker.ts <dbPath> <moderator> <ids>');
  const conn = openDatabase(dbPath);
  const moderator = conn.db.select().from(users).where(eq(users.name, moderatorName)).get();
  if (!moderator) throw new Error(`no user ${moderatorName}`);
  const outcome = {
    decisions: [] as { id: number; approved: number[]; conflicts: number[]; ms: number }[],
    conflict: 0,
    busy: 0,
    other: [] as string[],
  };
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(`${dbPath}.go`) && Date.now() < deadline) await sleep(2);
  for (const id of idList.split(',')) {
    const started = performance.now();
    try {
      const result = decideChangeset(moderator, approveChangesetInput({}, id), { db: conn.db });
      outcome.decisions.push({
        id: result.id,
        approved: result.approved,
        conflicts: result.conflicts.map((c) => c.proposalId),
        ms: performance.now() - started,
      });
    } catch (error) {
      if (error instanceof ConflictError) outcome.conflict++;
      else if (/SQLITE_BUSY|database is locked/i.test(String(error))) outcome.busy++;
      else outcome.other.push(String(error));
    }
  }
  conn.sqlite.close();
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
