/**
 * npm run bench:plans -- <database file>
 *
 * Prints the query plan of every statement behind the public pages and marks
 * any full scan of the revisions table. Run it on a large generated database
 * (npm run db:generate-large) when changing queries or indexes.
 */
import fs from 'node:fs';
import { planPublicQueries } from '../support/query-plans';

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error('bench:plans: give the path of an existing database file, for example ./data/large.db');
  process.exit(2);
}
let scans = 0;
for (const query of planPublicQueries(file)) {
  console.log(
    `\n[${query.view}]${query.scansRevisions ? '  <-- FULL SCAN OF REVISIONS' : ''}\n${query.sql.replace(/\s+/g, ' ').slice(0, 300)}`,
  );
  for (const step of query.plan) console.log(`  ${step}`);
  if (query.scansRevisions) scans++;
}
console.log(`\n${scans} statement(s) scan the revisions table.`);
process.exitCode = scans ? 1 : 0;
