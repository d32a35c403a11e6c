/**
 * npm run bench:models -- path/to/large.db   (WITH_CSV=1 also times the whole CSV export in memory; ROUNDS=10)
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

/** Wall time, and CPU time of this process, which a machine shared with other work disturbs far less. */
function time(name: string, work: () => unknown, times = rounds) {
  work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    work();
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - start);
  }
  const p50 = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!.toFixed(1);
  console.log(`${name}: wall p50 ${p50(wall)} ms, max ${Math.max(...wall).toFixed(1)} ms; CPU p50 ${p50(cpu)} ms`);
}

const matrix = getMatrix({ columnPage: 1 }, db);
const column = matrix.columns[0]!;
const feature = matrix.categories[0]!.features[0]!.slug;
time('release diff (getReleaseDiff)', () => getReleaseDiff(column.mesh.slug, undefined, undefined, db));
time('cell page (getCellPage)', () => getCellPage(column.mesh.slug, column.version.label, feature, db));
time('/ (getMatrix, first page)', () => getMatrix({ columnPage: 1, sparse: 'after' }, db));
// Seconds per round on the large set: only when asked.
if (process.env.WITH_CSV)
  time('full CSV (listAllCells + renderCsv)', () => renderCsv(listAllCells([], db)), Math.min(rounds, 3));
