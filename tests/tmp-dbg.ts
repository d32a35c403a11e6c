import fs from 'node:fs';
import { parseTable } from '@/lib/import/parse-table';
const t = fs.readFileSync(process.argv[2]!, 'utf8');
const { table, problems } = parseTable(t);
console.log(problems);
for (const r of table!.rows.slice(0, 4)) console.log(r.line, r.header, r.category, JSON.stringify(r.cells.map((c) => [c.text, c.name])));
