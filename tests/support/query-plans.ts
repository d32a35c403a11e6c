import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { listChanges } from '@/lib/server/changes/changes';
import { getDataQuality } from '@/lib/server/exports/data-quality';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { getMeshPage, getReleaseDiff, listMeshes } from '@/lib/server/matrix/meshes';

export interface PlannedQuery {
  view: string;
  sql: string;
  plan: string[];
  /** A plan step that reads every row of revisions (no index, no rowid lookup). */
  scansRevisions: boolean;
}

/**
 * Runs every read model behind a public page against a database and returns
 * the query plan of each statement it executed, so a full scan of the
 * revisions table on a public page shows up by name.
 */
export function planPublicQueries(file: string): PlannedQuery[] {
  const seen: string[] = [];
  const sqlite = new Database(file, { readonly: true, verbose: (statement) => seen.push(String(statement)) });
  const db = drizzle(sqlite, { schema });
  const views: [string, () => unknown][] = [];
  const matrix = getMatrix({}, db);
  const mesh = matrix.columns[0]!.mesh.slug;
  const label = matrix.columns[0]!.version.label;
  const feature = matrix.categories[0]!.features[0]!.slug;
  const category = matrix.categories[1]?.slug ?? matrix.categories[0]!.slug;
  views.push(
    ['/', () => getMatrix({}, db)],
    ['/?at=2020-06-01', () => getMatrix({ at: '2020-06-01' }, db)],
    ['/meshes', () => listMeshes(db)],
    ['/meshes/{slug}', () => getMeshPage(mesh, undefined, db)],
    ['/meshes/{slug}/{version}/{feature}', () => getCellPage(mesh, label, feature, db)],
    ['/meshes/{slug}/compare', () => getReleaseDiff(mesh, undefined, undefined, db)],
    ['/changes', () => listChanges({}, db)],
    ['/changes?mesh=', () => listChanges({ mesh }, db)],
    ['/changes?category=', () => listChanges({ category }, db)],
    ['/?sparse=1', () => getMatrix({ sparse: 'after', columnPage: 1 }, db)],
    ['/about/data', () => getDataQuality(db)],
  );
  const result: PlannedQuery[] = [];
  for (const [view, run] of views) {
    seen.length = 0;
    try {
      run();
    } catch {
      // a mesh with one release has no diff; its queries still ran
    }
    for (const sql of new Set(seen)) {
      if (!/^\s*(select|with)/i.test(sql)) continue;
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail);
      result.push({
        view,
        sql,
        plan,
        scansRevisions: plan.some((step) => /^SCAN (revisions|r|origin|parent)\b(?! USING)/.test(step)),
      });
    }
  }
  sqlite.close();
  return result;
}
