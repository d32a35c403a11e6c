import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '@/db/client';
import { auditEvents, features, meshAliases, meshes, meshVersions, type Mesh, type Source } from '@/db/schema';
import { appendRevision, getCellHead } from '../cells';
import { getDb } from '../db';
import { assertIsAdmin, type Actor } from '../permissions';
import { createRelease } from '../releases';
import { importTableSchema, parseInput } from '../validation';
import { compareVersions, sortVersions } from '../versions';
import { mapTable, type Catalog, type CatalogMesh, type MappedCell, type MappedColumn, type MappedTable } from './map-table';
import { parseTable } from './parse-table';
import type { ImportChange, ImportCellRef, ImportReport, ImportValueView } from './report';

/**
 * The operator at the command line (`npm run import`): whoever can run it
 * holds the database file already. Audit events and revisions record no user,
 * as `user:role` does.
 */
export const COMMAND_LINE: unique symbol = Symbol('command line');
export type ImportActor = Actor | typeof COMMAND_LINE;

function authorizeImport(actor: ImportActor | null | undefined): number | null {
  if (actor === COMMAND_LINE) return null;
  assertIsAdmin(actor);
  return actor.id;
}

function loadCatalog(tx: Queryable): Catalog {
  const aliases = tx.select().from(meshAliases).all();
  const versions = tx.select().from(meshVersions).all();
  return {
    meshes: tx
      .select()
      .from(meshes)
      .all()
      .map(
        (mesh): CatalogMesh => ({
          id: mesh.id,
          slug: mesh.slug,
          name: mesh.name,
          aliases: aliases.filter((a) => a.meshId === mesh.id),
          versions: versions.filter((v) => v.meshId === mesh.id),
        }),
      ),
    features: tx.select({ id: features.id, slug: features.slug, name: features.name, kind: features.kind, status: features.status }).from(features).all(),
  };
}

/** Source URLs compared the way a browser would resolve them (`https://servicemesh.es` = `https://servicemesh.es/`). */
function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

const sameValue = (a: ImportValueView, b: ImportValueView) => a.support === b.support && (a.text ?? null) === (b.text ?? null) && (a.note ?? null) === (b.note ?? null);
const viewOf = (v: ImportValueView): ImportValueView => ({ support: v.support, text: v.text, note: v.note });

function defaultTitle(url: string, date: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, '');
  return `Comparison table at ${parsed.host}${path} (${date})`;
}

interface Target {
  column: MappedColumn;
  cells: MappedCell[];
}

interface Plan {
  /** Columns into existing releases, then columns whose release the import creates, oldest first. */
  existing: Target[];
  created: Target[];
  changes: ImportChange[];
  unchanged: ImportCellRef[];
  newReleases: ImportReport['newReleases'];
  toWrite: Set<MappedCell>;
}

const columnVersion = (column: MappedColumn) => ({ label: column.label, releasedOn: column.version?.releasedOn ?? null });

const cellRef = (cell: MappedCell): ImportCellRef => ({
  line: cell.line,
  mesh: cell.column.mesh.slug,
  meshName: cell.column.mesh.name,
  label: cell.column.label,
  feature: cell.row.feature.slug,
  featureName: cell.row.feature.name,
});

const sourcesOf = (cell: MappedCell, source: Source): Source[] => [source, ...cell.links.filter((link) => !sameUrl(link.url, source.url))];

/** Decides, without writing, which cells change; for a release the import creates, "before" is what it would carry over. */
function planImport(tx: Queryable, mapped: MappedTable, source: Source, date: string): Plan {
  const targets = new Map<MappedColumn, Target>(mapped.columns.map((column) => [column, { column, cells: [] }]));
  for (const cell of mapped.cells) targets.get(cell.column)!.cells.push(cell);
  const existing = [...targets.values()].filter((t) => t.column.version !== null);
  // Oldest first, so a new release carries over from one created just before it in the same import.
  const created = [...targets.values()].filter((t) => t.column.version === null).sort((a, b) => compareVersions(columnVersion(a.column), columnVersion(b.column)));

  const predecessorOf = (column: MappedColumn) => {
    const known = [
      ...column.mesh.versions.map((v) => ({ label: v.label, releasedOn: v.releasedOn })),
      ...created.filter((t) => t.column.mesh.id === column.mesh.id).map((t) => columnVersion(t.column)),
    ];
    return sortVersions(known.filter((v) => compareVersions(v, columnVersion(column)) < 0)).at(-1) ?? null;
  };
  /** A cell once the earlier steps of this import ran: its imported value, else what the release has or would carry over. */
  const valueAt = (mesh: CatalogMesh, label: string, featureId: number): ImportValueView | null => {
    const target = [...targets.values()].find((t) => t.column.mesh.id === mesh.id && t.column.label === label);
    const planned = target?.cells.find((c) => c.row.feature.id === featureId);
    if (planned) return viewOf(planned.value);
    const version = mesh.versions.find((v) => v.label === label);
    if (version) {
      const head = getCellHead(tx, version.id, featureId);
      return head ? viewOf(head) : null;
    }
    const previous = target ? predecessorOf(target.column) : null;
    return previous ? valueAt(mesh, previous.label, featureId) : null;
  };

  const plan: Plan = { existing, created, changes: [], unchanged: [], newReleases: [], toWrite: new Set() };
  for (const { column, cells } of [...existing, ...created]) {
    const previous = column.version === null ? predecessorOf(column) : null;
    if (column.version === null) plan.newReleases.push({ mesh: column.mesh.slug, meshName: column.mesh.name, label: column.label, carriedFrom: previous?.label ?? null });
    for (const cell of cells) {
      const head = column.version ? getCellHead(tx, column.version.id, cell.row.feature.id) : undefined;
      const before = head ? viewOf(head) : previous ? valueAt(column.mesh, previous.label, cell.row.feature.id) : null;
      const after = viewOf(cell.value);
      const same = before !== null && sameValue(before, after);
      // A carried value was never checked for this release, so the import confirms it even when it agrees.
      if (head && head.kind !== 'carry_forward' && same && head.sources.some((s) => sameUrl(s.url, source.url))) {
        plan.unchanged.push(cellRef(cell));
        continue;
      }
      plan.changes.push({
        ...cellRef(cell),
        before,
        after,
        sources: sourcesOf(cell, source),
        sameValue: same,
        guessed: cell.value.guessed,
        replacesNewer: !!head && !same && head.createdAt.slice(0, 10) > date,
      });
      plan.toWrite.add(cell);
    }
  }
  return plan;
}

function applyImport(tx: Queryable, plan: Plan, report: ImportReport, actorId: number | null): void {
  const now = new Date().toISOString();
  const reason = `Imported from ${report.source.url} (table as of ${report.date})`;
  const versionIds = new Map<MappedColumn, number>(plan.existing.map((t) => [t.column, t.column.version!.id]));
  const writeCells = (target: Target) => {
    for (const cell of target.cells) {
      if (!plan.toWrite.has(cell)) continue;
      appendRevision(tx, {
        meshVersionId: versionIds.get(cell.column)!,
        featureId: cell.row.feature.id,
        support: cell.value.support,
        text: cell.value.text,
        note: cell.value.note,
        sources: sourcesOf(cell, report.source),
        kind: 'import',
        authorId: actorId,
        reason,
        createdAt: now,
      });
    }
  };
  plan.existing.forEach(writeCells);
  for (const target of plan.created) {
    const mesh = tx.select().from(meshes).where(eq(meshes.id, target.column.mesh.id)).get() as Mesh;
    const { version } = createRelease(tx, mesh, { label: target.column.label }, actorId, now, { via: 'import', source: report.source.url });
    versionIds.set(target.column, version.id);
    writeCells(target);
  }
  tx.insert(auditEvents)
    .values({
      actorId,
      action: 'import.run',
      objectType: 'import',
      objectId: report.source.url,
      details: {
        date: report.date,
        title: report.source.title,
        format: report.format,
        revisions: report.changes.length,
        unchanged: report.unchanged.length,
        releases: report.newReleases.map((r) => `${r.mesh}@${r.label}`),
        skippedRows: report.unknownRows.length,
        via: actorId === null ? 'cli' : 'web',
      },
      createdAt: now,
    })
    .run();
}

/**
 * Imports a comparison table (Markdown pipe table or HTML `<table>`) as
 * `import` revisions citing its source, or with `dryRun` only reports what it
 * would do. Any problem in the table (no table, ragged rows, columns that
 * name no known mesh, bad release labels) means nothing is written. A cell
 * whose current value is the same and already cites the source is left
 * alone, so importing the same table twice changes nothing the second time.
 * Revisions are dated now, not with the table's date: backdating would put a
 * revision before its parent, and "as of" views would disagree with the
 * head. The table's date is in the reason and the source title.
 */
export function importTable(actor: ImportActor | null | undefined, input: unknown, db: Db = getDb()): ImportReport {
  const actorId = authorizeImport(actor);
  const data = parseInput(importTableSchema, input);
  const parsed = parseTable(data.table);
  const source: Source = { url: data.source, title: data.title ?? defaultTitle(data.source, data.date) };

  return db.transaction(
    (tx) => {
      const mapped: MappedTable | null = parsed.table ? mapTable(parsed.table, loadCatalog(tx), data.source) : null;
      const report: ImportReport = {
        dryRun: data.dryRun,
        written: false,
        source,
        date: data.date,
        format: parsed.table?.format ?? null,
        tableLine: parsed.table?.line ?? null,
        problems: [...parsed.problems, ...(mapped?.problems ?? [])],
        notes: [...parsed.notes, ...(mapped?.notes ?? [])],
        columns: (mapped?.columns ?? []).map((c) => ({
          column: c.column + 1,
          line: c.line,
          heading: c.heading,
          mesh: c.mesh.slug,
          meshName: c.mesh.name,
          label: c.label,
          newRelease: c.version === null,
          releaseFrom: c.releaseFrom,
        })),
        rows: (mapped?.rows ?? []).map((r) => ({ line: r.line, heading: r.heading, feature: r.feature.slug, featureName: r.feature.name })),
        categories: mapped?.categories ?? [],
        unknownRows: mapped?.unknownRows ?? [],
        newReleases: [],
        changes: [],
        unchanged: [],
        emptyCells: mapped?.emptyCells ?? 0,
      };
      if (!mapped || report.problems.length > 0) return report;
      const plan = planImport(tx, mapped, source, data.date);
      Object.assign(report, { changes: plan.changes, unchanged: plan.unchanged, newReleases: plan.newReleases });
      if (data.dryRun || (plan.toWrite.size === 0 && plan.newReleases.length === 0)) return report;
      applyImport(tx, plan, report, actorId);
      return { ...report, written: true };
    },
    { behavior: data.dryRun ? 'deferred' : 'immediate' },
  );
}
