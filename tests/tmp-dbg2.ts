import fs from 'node:fs';
import { openPreparedDatabase } from '@/db/init';
import { loadCatalog } from '@/lib/import/run-import';
import { mapTable } from '@/lib/import/map-table';
import { parseTable } from '@/lib/import/parse-table';
const conn = openPreparedDatabase(process.argv[3]!);
const { table } = parseTable(fs.readFileSync(process.argv[2]!, 'utf8'));
const m = mapTable(table!, loadCatalog(conn.db), { sourceUrl: 'https://x.org', date: '2020-01-01' });
console.log(m.orientation, m.columns.map((c) => [c.heading, c.mesh.slug, c.label, c.version?.id]), m.unplacedColumns, m.unplacedRows.slice(0, 3), m.notes, m.problems);
