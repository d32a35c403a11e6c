import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import {
  categories,
  changesets,
  cellHeads,
  features,
  importAliases,
  imports,
  meshAliases,
  meshes,
  meshVersions,
  proposals,
  revisions,
  type Category,
  type ImportMode,
  type Mesh,
  type Revision,
  type Source,
} from '@/db/schema';
import { appendRevision, getCellHead } from '../cells/cells';
import { correctionNote, sameCellValue, sameSourceUrl } from '../../rules/value-rules';
import { BadRequestError } from '../../rules/errors';
import { actorIdOf, allow } from '../../rules/permissions';
import { recordAuditEvent } from '../audit/audit';
import { defineCommand } from '../command';
import { createRelease } from '../releases/releases';
import { insertCategory, insertFeature, insertMesh } from '../structure/structure';
import { importTableSchema } from './schemas';
import { compareReleases, sortReleases, type ReleaseLike } from '../../rules/versions';
import {
  mapTable,
  type Catalog,
  type CatalogMesh,
  type ImportChoices,
  type MappedCell,
  type MappedColumn,
  type MappedTable,
} from '../../rules/tables/map-table';
import { nameKey } from '../../rules/tables/names';
import { parseTable } from '../../rules/tables/parse-table';
import type {
  AliasReport,
  ImportCellRef,
  ImportChange,
  ImportReport,
  ImportValueView,
  LeftNewerCell,
} from '../../rules/tables/report';
import type { ParseResult } from '../../rules/tables/table';
import { releaseKey } from '../../rules/cell-keys';

export function loadCatalog(tx: Queryable): Catalog {
  const formerNames = tx.select().from(meshAliases).all();
  const remembered = tx.select().from(importAliases).all();
  const versions = tx.select().from(meshVersions).all();
  return {
    meshes: tx
      .select()
      .from(meshes)
      .all()
      .map((mesh): CatalogMesh => ({
        id: mesh.id,
        slug: mesh.slug,
        name: mesh.name,
        formerNames: formerNames.filter((a) => a.meshId === mesh.id).map((a) => ({ slug: a.slug, name: a.name })),
        aliases: remembered.filter((a) => a.meshId === mesh.id).map((a) => a.name),
        versions: versions
          .filter((v) => v.meshId === mesh.id)
          .map((v) => ({ id: v.id, label: v.label, releasedOn: v.releasedOn, namedOn: v.createdAt })),
      })),
    features: tx
      .select({
        id: features.id,
        slug: features.slug,
        name: features.name,
        kind: features.kind,
        status: features.status,
        categoryId: features.categoryId,
      })
      .from(features)
      .all()
      .map((f) => ({ ...f, aliases: remembered.filter((a) => a.featureId === f.id).map((a) => a.name) })),
    categories: tx
      .select({ id: categories.id, slug: categories.slug, name: categories.name, status: categories.status })
      .from(categories)
      .orderBy(categories.position)
      .all(),
  };
}

const viewOf = (v: ImportValueView): ImportValueView => ({ support: v.support, text: v.text, note: v.note });

export function defaultTitle(url: string, date: string): string {
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
  leftNewer: LeftNewerCell[];
  newReleases: ImportReport['newReleases'];
  toWrite: Set<MappedCell>;
}

/** A release this run creates will be stored with the run's timestamp, so that is when it counts as named. */
const columnVersion = (column: MappedColumn, createdAt: string): ReleaseLike => ({
  label: column.label,
  releasedOn: column.version?.releasedOn ?? null,
  namedOn: column.version?.namedOn ?? createdAt,
});

const cellRef = (cell: MappedCell): ImportCellRef => ({
  line: cell.line,
  mesh: cell.column.mesh.slug,
  meshName: cell.column.mesh.name,
  label: cell.column.label,
  feature: cell.row.feature.slug,
  featureName: cell.row.feature.name,
});

const sourcesOf = (cell: MappedCell, source: Source): Source[] => [
  source,
  ...cell.links.filter((link) => !sameSourceUrl(link.url, source.url)),
];

/** How one run treats what is already there. */
interface RunSettings {
  actorId: number | null;
  source: Source;
  /** `YYYY-MM-DD`, as the report shows it. */
  date: string;
  /** The timestamp of what the run writes: now for a single table, the version's date in a history replay. */
  createdAt: string;
  dryRun: boolean;
  mode: ImportMode;
  choices: ImportChoices;
  /** Set for one version of a history replay: the manifest entry's file. */
  series: string | null;
  /** Who asked, for the audit log when there is no user: the command line unless said otherwise (the seed). */
  via?: 'cli' | 'seed';
}

/** One release's current values, read once per plan: a table touches every cell of each column, and a query per cell dominated a history replay. */
function releaseHeads(tx: Queryable, versionId: number): Map<number, Revision> {
  return new Map(
    tx
      .select({ revision: revisions })
      .from(cellHeads)
      .innerJoin(revisions, eq(revisions.id, cellHeads.revisionId))
      .where(eq(cellHeads.meshVersionId, versionId))
      .all()
      .map(({ revision }) => [revision.featureId, revision]),
  );
}

/**
 * Decides, without writing, which cells change; for a release the import
 * creates, "before" is what it would carry over. A single table confirms a
 * carried or differently sourced value with a new revision; a version of a
 * history only writes what it changes, and leaves alone cells holding a value
 * recorded after its date.
 */
function planImport(tx: Queryable, mapped: MappedTable, settings: RunSettings): Plan {
  const { source, date } = settings;
  const history = settings.series !== null;
  const cache = new Map<number, Map<number, Revision>>();
  const headsOf = (versionId: number) => {
    let heads = cache.get(versionId);
    if (!heads) cache.set(versionId, (heads = releaseHeads(tx, versionId)));
    return heads;
  };
  const targets = new Map<MappedColumn, Target>(mapped.columns.map((column) => [column, { column, cells: [] }]));
  for (const cell of mapped.cells) targets.get(cell.column)!.cells.push(cell);
  const existing = [...targets.values()].filter((t) => t.column.version !== null);
  // Oldest first, so a new release carries over from one created just before it in the same import.
  const created = sortReleases(
    [...targets.values()].filter((t) => t.column.version === null),
    (t) => columnVersion(t.column, settings.createdAt),
  );

  const predecessorOf = (column: MappedColumn) => {
    const known = [
      ...column.mesh.versions,
      ...created
        .filter((t) => t.column.mesh.id === column.mesh.id)
        .map((t) => columnVersion(t.column, settings.createdAt)),
    ];
    return (
      sortReleases(known.filter((v) => compareReleases(v, columnVersion(column, settings.createdAt)) < 0)).at(-1) ??
      null
    );
  };
  /** A cell once the earlier steps of this import ran: its imported value, else what the release has or would carry over. */
  const valueAt = (mesh: CatalogMesh, label: string, featureId: number): ImportValueView | null => {
    const target = [...targets.values()].find((t) => t.column.mesh.id === mesh.id && t.column.label === label);
    const planned = target?.cells.find((c) => c.row.feature.id === featureId);
    if (planned) return viewOf(planned.value);
    const version = mesh.versions.find((v) => v.label === label);
    if (version) {
      const head = featureId > 0 ? headsOf(version.id).get(featureId) : undefined;
      return head ? viewOf(head) : null;
    }
    const previous = target ? predecessorOf(target.column) : null;
    return previous ? valueAt(mesh, previous.label, featureId) : null;
  };

  const plan: Plan = {
    existing,
    created,
    changes: [],
    unchanged: [],
    leftNewer: [],
    newReleases: [],
    toWrite: new Set(),
  };
  for (const { column, cells } of [...existing, ...created]) {
    const previous = column.version === null ? predecessorOf(column) : null;
    if (column.version === null)
      plan.newReleases.push({
        mesh: column.mesh.slug,
        meshName: column.mesh.name,
        label: column.label,
        carriedFrom: previous?.label ?? null,
      });
    for (const cell of cells) {
      const head =
        column.version && cell.row.feature.id > 0 ? headsOf(column.version.id).get(cell.row.feature.id) : undefined;
      const before = head ? viewOf(head) : previous ? valueAt(column.mesh, previous.label, cell.row.feature.id) : null;
      const after = viewOf(cell.value);
      const same = before !== null && sameCellValue(before, after);
      if (history && head && head.createdAt > settings.createdAt) {
        if (!same) plan.leftNewer.push({ ...cellRef(cell), recordedAt: head.createdAt });
        else plan.unchanged.push(cellRef(cell));
        continue;
      }
      // A carried value was never checked for this release, so the import confirms it even when it agrees.
      const checked = head && head.kind !== 'carry_forward' && same;
      if (checked && (history || head.sources.some((s) => sameSourceUrl(s.url, source.url)))) {
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

/** The names this run places by choice or creation that no exact match would find next time. */
function aliasesToRemember(mapped: MappedTable): AliasReport[] {
  const aliases: AliasReport[] = [];
  const add = (target: AliasReport['target'], name: string, slug: string, own: string[]) => {
    if (!nameKey(name) || own.some((n) => nameKey(n) === nameKey(name))) return;
    if (!aliases.some((a) => a.target === target && nameKey(a.name) === nameKey(name)))
      aliases.push({ target, name, slug });
  };
  for (const c of mapped.columns) {
    if (c.matchedBy === 'choice' || c.matchedBy === 'created')
      add('mesh', c.heading, c.mesh.slug, [c.mesh.slug, c.mesh.name]);
  }
  for (const r of mapped.rows) {
    if (r.matchedBy === 'choice' || r.matchedBy === 'created')
      add('feature', r.heading, r.feature.slug, [r.feature.slug, r.feature.name]);
  }
  return aliases;
}

function applyImport(
  tx: Queryable,
  mapped: MappedTable,
  plan: Plan,
  report: ImportReport,
  settings: RunSettings,
): number {
  const { actorId, createdAt } = settings;
  const auditVia = { via: settings.series ? 'history' : 'import', source: report.source.url };
  const importRow = tx
    .insert(imports)
    .values({
      sourceUrl: report.source.url,
      sourceTitle: report.source.title,
      tableDate: report.date,
      mode: settings.mode,
      series: settings.series,
      actorId,
      revisions: settings.mode === 'publish' ? plan.toWrite.size : 0,
      proposals: settings.mode === 'review' ? plan.toWrite.size : 0,
      releases: plan.newReleases.length,
      createdAt,
    })
    .returning()
    .get();
  // An import sent to review is one changeset: the queue shows it as one item, reviewed on one screen.
  const changesetId =
    settings.mode === 'review' && plan.toWrite.size
      ? tx
          .insert(changesets)
          .values({
            title: `Import of ${report.source.title ?? report.source.url} (table as of ${report.date})`,
            sources: [{ url: report.source.url, title: report.source.title }],
            rationale: `Imported from ${report.source.url} (table as of ${report.date})`,
            authorId: actorId!,
            importId: importRow.id,
            createdAt,
          })
          .returning({ id: changesets.id })
          .get().id
      : null;

  // Structure first: categories, then rows in them, then meshes with their first release.
  const categoryIds = new Map<number, Category>();
  for (const category of mapped.newCategories)
    categoryIds.set(category.id, insertCategory(tx, actorId, { slug: category.slug, name: category.name }));
  const featureIds = new Map<number, number>();
  for (const feature of mapped.newFeatures) {
    const category =
      categoryIds.get(feature.categoryId) ??
      tx.select().from(categories).where(eq(categories.id, feature.categoryId)).get()!;
    const row = insertFeature(
      tx,
      actorId,
      category,
      { slug: feature.slug, name: feature.name, definition: feature.definition!, kind: feature.kind },
      auditVia,
    );
    featureIds.set(feature.id, row.id);
  }
  const featureId = (id: number) => (id > 0 ? id : featureIds.get(id)!);
  const meshRows = new Map<number, Mesh>();
  const versionIds = new Map<MappedColumn, number>(plan.existing.map((t) => [t.column, t.column.version!.id]));
  for (const mesh of mapped.newMeshes) {
    const target = plan.created.find((t) => t.column.mesh.id === mesh.id)!;
    const { mesh: row, version } = insertMesh(
      tx,
      actorId,
      { slug: mesh.slug, name: mesh.name, firstRelease: target.column.label },
      createdAt,
      auditVia,
    );
    meshRows.set(mesh.id, row);
    versionIds.set(target.column, version.id);
  }

  const reason = `Imported from ${report.source.url} (table as of ${report.date})`;
  const writeCells = (target: Target) => {
    for (const cell of target.cells) {
      if (!plan.toWrite.has(cell)) continue;
      const meshVersionId = versionIds.get(cell.column)!;
      const rowId = featureId(cell.row.feature.id);
      if (settings.mode === 'review') {
        tx.insert(proposals)
          .values({
            meshVersionId,
            featureId: rowId,
            baseRevisionId: getCellHead(tx, meshVersionId, rowId)?.id ?? null,
            support: cell.value.support,
            text: cell.value.text,
            note: cell.value.note,
            sources: sourcesOf(cell, report.source),
            rationale: reason,
            authorId: actorId!,
            importId: importRow.id,
            changesetId,
            createdAt,
          })
          .run();
        continue;
      }
      const correction = correctionNote(getCellHead(tx, meshVersionId, rowId), {
        support: cell.value.support,
        text: cell.value.text,
        note: cell.value.note ?? null,
        createdAt,
      });
      appendRevision(tx, {
        meshVersionId,
        featureId: rowId,
        support: cell.value.support,
        text: cell.value.text,
        note: cell.value.note,
        sources: sourcesOf(cell, report.source),
        kind: 'import',
        authorId: actorId,
        reason: correction ? `${reason}. ${correction}` : reason,
        // The table names no release for this column: say the value sits on the one current at the table's date.
        releaseInferred: cell.column.releaseFrom === 'newest release',
        createdAt,
      });
    }
  };
  plan.existing.forEach(writeCells);
  for (const target of plan.created) {
    if (!versionIds.has(target.column)) {
      const mesh =
        meshRows.get(target.column.mesh.id) ??
        (tx.select().from(meshes).where(eq(meshes.id, target.column.mesh.id)).get() as Mesh);
      const { version } = createRelease(tx, mesh, { label: target.column.label }, actorId, createdAt, auditVia, {
        carryAsOfCreation: settings.series !== null,
      });
      versionIds.set(target.column, version.id);
    }
    writeCells(target);
  }

  for (const alias of report.aliases) {
    const meshId =
      alias.target === 'mesh'
        ? (tx.select({ id: meshes.id }).from(meshes).where(eq(meshes.slug, alias.slug)).get()?.id ?? null)
        : null;
    const rowId =
      alias.target === 'feature'
        ? (tx.select({ id: features.id }).from(features).where(eq(features.slug, alias.slug)).get()?.id ?? null)
        : null;
    const inserted = tx
      .insert(importAliases)
      .values({
        target: alias.target,
        meshId,
        featureId: rowId,
        name: alias.name,
        key: nameKey(alias.name),
        createdById: actorId,
        createdAt,
      })
      .onConflictDoNothing()
      .returning()
      .get();
    if (inserted) {
      recordAuditEvent(tx, {
        actorId,
        action: 'alias.create',
        objectType: alias.target,
        objectId: alias.slug,
        details: { name: alias.name, importId: importRow.id },
        createdAt,
      });
    }
  }

  recordAuditEvent(tx, {
    actorId,
    action: 'import.run',
    objectType: 'import',
    objectId: report.source.url,
    details: {
      importId: importRow.id,
      date: report.date,
      title: report.source.title,
      format: report.format,
      mode: settings.mode,
      orientation: report.orientation,
      revisions: settings.mode === 'publish' ? report.changes.length : 0,
      proposals: settings.mode === 'review' ? report.changes.length : 0,
      unchanged: report.unchanged.length,
      releases: report.newReleases.map((r) => releaseKey(r.mesh, r.label)),
      created: report.created,
      aliases: report.aliases.length,
      notPlaced: report.columns.filter((c) => !c.mesh).length + report.rows.filter((r) => !r.row).length,
      series: settings.series,
      via: actorId === null ? (settings.via ?? 'cli') : 'web',
    },
    createdAt,
  });
  return importRow.id;
}

/** Maps, plans and (unless a dry run or a problem) writes one table inside the caller's transaction. */
export function runImport(tx: Queryable, parsed: ParseResult, settings: RunSettings): ImportReport {
  const mapped: MappedTable | null = parsed.table
    ? mapTable(parsed.table, loadCatalog(tx), {
        sourceUrl: settings.source.url,
        date: settings.date,
        choices: settings.choices,
      })
    : null;
  const categoryName = (id: number) =>
    mapped?.newCategories.find((c) => c.id === id)?.name ??
    tx.select({ name: categories.name }).from(categories).where(eq(categories.id, id)).get()?.name ??
    null;
  const columns: ImportReport['columns'] = [
    ...(mapped?.columns ?? []).map((c) => ({
      column: c.column + 1,
      line: c.line,
      heading: c.heading,
      status: c.status,
      mesh: c.mesh.slug,
      meshName: c.mesh.name,
      release: c.label,
      newRelease: c.version === null,
      releaseFrom: c.releaseFrom,
      matchedBy: c.matchedBy,
      reason: null,
      suggestions: [],
    })),
    ...(mapped?.unplacedColumns ?? []).map((c) => ({
      column: c.column + 1,
      line: c.line,
      heading: c.heading,
      status: c.status,
      mesh: null,
      meshName: null,
      release: null,
      newRelease: false,
      releaseFrom: null,
      matchedBy: null,
      reason: c.reason,
      suggestions: c.suggestions,
    })),
  ].sort((a, b) => a.column - b.column);
  const rows: ImportReport['rows'] = [
    ...(mapped?.rows ?? []).map((r) => ({
      line: r.line,
      heading: r.heading,
      explanation: r.explanation,
      status: r.status,
      row: r.feature.slug,
      rowName: r.feature.name,
      category: categoryName(r.feature.categoryId),
      matchedBy: r.matchedBy,
      reason: null,
      suggestions: [],
    })),
    ...(mapped?.unplacedRows ?? []).map((r) => ({
      line: r.line,
      heading: r.heading,
      explanation: r.explanation,
      status: r.status,
      row: null,
      rowName: null,
      category: r.category,
      matchedBy: null,
      reason: r.reason,
      suggestions: r.suggestions,
    })),
  ].sort((a, b) => a.line - b.line);
  const noTable = !parsed.table && settings.series !== null;
  const report: ImportReport = {
    dryRun: settings.dryRun,
    written: false,
    mode: settings.mode,
    importId: null,
    source: settings.source,
    date: settings.date,
    format: parsed.table?.format ?? null,
    tableLine: parsed.table?.line ?? null,
    orientation: mapped?.orientation ?? null,
    // A version of a history that holds no table yet (a page before its table was added) has nothing to import, which is no fault.
    problems: noTable ? [] : [...parsed.problems, ...(mapped?.problems ?? [])],
    notes: noTable
      ? [`${settings.series} holds no table; nothing to import from it`, ...parsed.notes]
      : [...parsed.notes, ...(mapped?.notes ?? [])],
    columns,
    rows,
    categories: mapped?.categories ?? [],
    created: {
      meshes: (mapped?.newMeshes ?? []).map((m) => ({ slug: m.slug, name: m.name })),
      categories: (mapped?.newCategories ?? []).map((c) => ({ slug: c.slug, name: c.name })),
      rows: (mapped?.newFeatures ?? []).map((f) => ({
        slug: f.slug,
        name: f.name,
        category: categoryName(f.categoryId) ?? '',
        kind: f.kind,
      })),
    },
    aliases: mapped ? aliasesToRemember(mapped) : [],
    newReleases: [],
    changes: [],
    unchanged: [],
    leftNewer: [],
    proposals: 0,
    emptyCells: mapped?.emptyCells ?? 0,
  };
  if (!mapped || report.problems.length > 0) return report;
  const plan = planImport(tx, mapped, settings);
  Object.assign(report, {
    changes: plan.changes,
    unchanged: plan.unchanged,
    leftNewer: plan.leftNewer,
    newReleases: plan.newReleases,
    proposals: settings.mode === 'review' ? plan.changes.length : 0,
  });
  const structural =
    mapped.newMeshes.length + mapped.newFeatures.length + mapped.newCategories.length + report.aliases.length;
  if (settings.dryRun || (plan.toWrite.size === 0 && plan.newReleases.length === 0 && structural === 0)) return report;
  const importId = applyImport(tx, mapped, plan, report, settings);
  return { ...report, written: true, importId };
}

/**
 * Imports a comparison table (Markdown pipe table or HTML `<table>`) as
 * `import` revisions citing its source, or (`mode: 'review'`) as pending
 * proposals by the importing admin, grouped under the import. With `dryRun`
 * it only reports what it would do. Problems in the table (no table, ragged
 * rows, two columns for one release, a row named twice) mean nothing is
 * written; names that match nothing are listed with suggestions and left out
 * unless `choices` maps, creates or skips them. A cell whose current value is
 * the same and already cites the source is left alone, so importing the same
 * table twice changes nothing the second time. Revisions are dated now, not
 * with the table's date: backdating would put a revision before its parent,
 * and "as of" views would disagree with the head. The table's date is in the
 * reason and the source title. A history replay (import-history.ts) is where
 * revisions carry the table's own dates.
 */
export const importTable = defineCommand({
  name: 'import.table',
  authorize: allow.adminOrCommandLine,
  schema: importTableSchema,
  run: ({ actor, input: data, tx, at }) => {
    const actorId = actorIdOf(actor);
    if (data.mode === 'review' && actorId === null) {
      throw new BadRequestError('mode review needs a signed-in admin to propose the changes; use /admin/import', {
        mode: ['mode review needs a signed-in admin to propose the changes; use /admin/import'],
      });
    }
    return runImport(tx, parseTable(data.table), {
      actorId,
      source: { url: data.source, title: data.title ?? defaultTitle(data.source, data.date) },
      date: data.date,
      createdAt: at,
      dryRun: data.dryRun,
      mode: data.mode,
      choices: data.choices,
      series: null,
    });
  },
  // runImport records the import and each mesh, row, release and name it creates.
  audit: null,
  changes: (report) => (report.written ? { everything: true, paths: ['/review'] } : {}),
  // A dry run only reads: it must not take the write lock from reviewers.
  behavior: (data) => (data.dryRun ? 'deferred' : 'immediate'),
});
