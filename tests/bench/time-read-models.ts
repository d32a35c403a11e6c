/**
 * npm run bench:models -- path/to/large.db
 *
 * Times the read models behind the slow pages and exports in isolation (no server, no React), ten rounds each after a
 * warm-up, so a change to a query can be judged without a full bench on a busy machine.
 */
import { openDatabase } from '../../db/client';
import { getReleaseDiff } from '../../lib/server/matrix/meshes';
import { getCellPage } from '../../lib/server/cells/cell-page';
import { listAllCells } from '../../lib/server/exports/all-cells';
import { renderCsv } from '../../lib/server/exports/csv';
import { getMatrix } from '../../lib/server/matrix/matrix';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run bench:models -- path/to/database.db');
  process.exit(2);
}
const { db } = openDatabase(file);
const rounds = Number(process.env.ROUNDS ?? 10);

function time(name: string, work: () => unknown, times = rounds) {
  work();
  const list: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    work();
    list.push(performance.now() - start);
  }
  list.sort((a, b) => a - b);
  console.log(`${name}: p50 ${list[Math.floor(list.length / 2)]!.toFixed(1)} ms, max ${list.at(-1)!.toFixed(1)} ms`);
}

const matrix = getMatrix({ columnPage: 1 }, db);
const column = matrix.columns[0]!;
const feature = matrix.categories[0]!.features[0]!.slug;
time('release diff (getReleaseDiff)', () => getReleaseDiff(column.mesh.slug, undefined, undefined, db));
time('cell page (getCellPage)', () => getCellPage(column.mesh.slug, column.version.label, feature, db));
time('/ (getMatrix, first page)', () => getMatrix({ columnPage: 1, sparse: 'after' }, db));
time('full CSV (listAllCells + renderCsv)', () => renderCsv(listAllCells([], db)), Math.min(rounds, 3));
