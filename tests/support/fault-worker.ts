/**
 * One OS process of the fault tests (tests/integration/faults.test.ts and
 * restore.test.ts), killed or stopped by the test:
 *
 *   node_modules/.bin/tsx --conditions=react-server tests/support/fault-worker.ts approve <dbPath> <moderatorId>
 *   DATABASE_PATH=<dbPath> node_modules/.bin/tsx --conditions=react-server tests/support/fault-worker.ts serve
 *
 * `approve` approves every pending proposal, oldest first, through the
 * approval command, printing `approved <id>` after each commit, so the test
 * knows how far the storm got when it kills it. `serve` starts the way the
 * server does (lib/server/startup.ts), prints `ready` and waits to be stopped.
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { users } from '@/db/schema';
import { approveProposal } from '@/lib/server/proposals/review';
import { prepareOnStart } from '@/lib/server/startup';

function approveAll(dbPath: string, moderatorId: number): void {
  const conn = openDatabase(dbPath);
  const moderator = conn.db.select().from(users).where(eq(users.id, moderatorId)).get();
  if (!moderator) throw new Error(`no user ${moderatorId}`);
  const pending = conn.sqlite.prepare("SELECT id FROM proposals WHERE status = 'pending' ORDER BY id").all() as {
    id: number;
  }[];
  for (const { id } of pending) {
    approveProposal(moderator, { id, overConflict: true }, { db: conn.db });
    process.stdout.write(`approved ${id}\n`);
  }
  conn.sqlite.close();
}

function serve(): void {
  prepareOnStart();
  // Next exits on SIGTERM, which runs the exit handlers that remove the pid file.
  process.on('SIGTERM', () => process.exit(0));
  setInterval(() => {}, 60_000);
  process.stdout.write('ready\n');
}

const [role, dbPath, moderatorId] = process.argv.slice(2);
if (role === 'approve' && dbPath && moderatorId) approveAll(dbPath, Number(moderatorId));
else if (role === 'serve') serve();
else throw new Error('usage: fault-worker.ts approve <dbPath> <moderatorId> | serve');
