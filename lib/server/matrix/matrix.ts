import 'server-only';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import {
  cellHeads,
  meshes,
  meshVersions,
  revisions,
  type Feature,
  type Mesh,
  type MeshVersion,
  type RevisionKind,
  type Source,
  type SupportLevel,
} from '@/db/schema';
import { arrangeByCoverage, coverageOf, type Coverage } from '../../rules/coverage';
import { getDb } from '../db';
import { BadRequestError, NotFoundError } from '../../rules/errors';
import { countPendingByCell } from '../proposals/proposals';
import { dayOf, isReleaseInferred, isStale, releaseAppearedOn } from '../../rules/staleness';
import { releaseOfVersion, sortReleases } from '../../rules/versions';
import { releaseKey } from '../../rules/cell-keys';

export interface CellValue {
  revisionId: number;
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
  sources: Source[];
  kind: RevisionKind;
  updatedAt: string;
  /** Release label the value was last checked in, when it was carried over unchanged. */
  carriedFrom: string | null;
  /** The source names no release, so the value sits on the release current at the source's date (false for carried values). */
  releaseInferred: boolean;
  /** `YYYY-MM-DD` of the newest revision in this release that is not a carry-forward; null when only carried. */
  confirmedOn: string | null;
  /** Carried over, or confirmed long before the mesh's newest release (lib/rules/staleness.ts). */
  stale: boolean;
}

export interface FeatureView {
  id: number;
  slug: string;
  name: string;
  definition: string;
  referenceUrl: string | null;
  kind: Feature['kind'];
}

export interface CategoryView {
  slug: string;
  name: string;
  features: FeatureView[];
}

export interface MeshSummary {
  slug: string;
  name: string;
  status: Mesh['status'];
  homepage: string | null;
}

export interface VersionSummary {
  id: number;
  label: string;
  releasedOn: string | null;
  /** When the first source named it (the release's created_at): its date where no source gives a release date. */
  createdAt: string;
}

export interface MatrixColumn {
  mesh: MeshSummary;
  version: VersionSummary;
  /** Known values of this release over every active row (getMatrix always sets it). */
  coverage?: Coverage;
}

export interface MatrixView {
  columns: MatrixColumn[];
  categories: CategoryView[];
  /** meshSlug → featureSlug → value; a missing entry means nothing is recorded yet. */
  cells: Record<string, Record<string, CellValue>>;
  /** meshSlug → featureSlug → number of pending proposals (only cells that have some). */
  pending: Record<string, Record<string, number>>;
  /** Set when the columns were cut to one page of meshes. */
  columnPage?: ColumnPage;
  /** Set when columns were arranged by coverage (`MatrixQuery.sparse`): how many meshes have little data yet. */
  sparseCount?: number;
}

export interface MatrixQuery {
  meshes?: string[];
  versions?: { mesh: string; label: string }[];
  /** `YYYY-MM-DD`: the matrix as it stood at the end of that day (UTC). */
  at?: string;
  /** Only this page of columns (see columnsPerPage), loading values for those alone. */
  columnPage?: number;
  /** Meshes with little data (lib/rules/coverage.ts isSparse) go after the others, or are left out; before paging. */
  sparse?: 'after' | 'hide';
}

/**
 * How many cells one page of the matrix holds. A reader compares a handful of
 * meshes at a time, and every mesh on a large data set would be megabytes of
 * HTML; today's field (a dozen meshes, fifty rows) still fits on one page.
 */
export const MATRIX_CELLS_PER_PAGE = 2000;
const MAX_COLUMNS_PER_PAGE = 16;
const MIN_COLUMNS_PER_PAGE = 4;

/** Meshes per page for a matrix of `rowCount` rows. */
export function columnsPerPage(rowCount: number): number {
  return Math.max(
    MIN_COLUMNS_PER_PAGE,
    Math.min(MAX_COLUMNS_PER_PAGE, Math.floor(MATRIX_CELLS_PER_PAGE / Math.max(1, rowCount))),
  );
}

export interface ColumnPage {
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last column shown, out of `total`. */
  first: number;
  last: number;
  total: number;
}

/** The window of `total` columns that page `page` shows, `size` to a page, or null when there is no such page. */
export function columnPageOf(total: number, page: number, size: number): ColumnPage | null {
  const pageCount = Math.max(1, Math.ceil(total / size));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return null;
  const start = (page - 1) * size;
  return { page, pageCount, first: Math.min(total, start + 1), last: Math.min(total, start + size), total };
}

function rowCountOf(categories: CategoryView[]): number {
  return categories.reduce((n, c) => n + c.features.length, 0);
}

/** Cuts a loaded matrix to one page of columns (after filtering, which needs every column). */
export function pageMatrixColumns(matrix: MatrixView, page: number): (MatrixView & { columnPage: ColumnPage }) | null {
  const window = columnPageOf(matrix.columns.length, page, columnsPerPage(rowCountOf(matrix.categories)));
  return window
    ? { ...matrix, columns: matrix.columns.slice(Math.max(0, window.first - 1), window.last), columnPage: window }
    : null;
}

/** Last instant of a UTC calendar day, comparable with stored ISO timestamps. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59.999Z`;
}

/** As of a date (`YYYY-MM-DD`), only releases already recorded (and released) by then count. */
function isReleaseKnownOn(version: MeshVersion, at: string): boolean {
  return version.createdAt <= endOfDay(at) && (!version.releasedOn || version.releasedOn <= at);
}

/** Per release: the day the newest release of its mesh appeared (as of `at`, when given), the yardstick of staleness. */
function newestReleaseOnByVersion(q: Queryable, versionIds: number[], at?: string): Map<number, string | null> {
  const result = new Map<number, string | null>();
  if (!versionIds.length) return result;
  const own = q
    .select({ id: meshVersions.id, meshId: meshVersions.meshId })
    .from(meshVersions)
    .where(inArray(meshVersions.id, versionIds))
    .all();
  const lists = versionsByMesh(q, [...new Set(own.map((v) => v.meshId))]);
  for (const { id, meshId } of own) {
    const list = lists.get(meshId) ?? [];
    const newest = (at ? list.filter((v) => isReleaseKnownOn(v, at)) : list).at(-1);
    result.set(id, newest ? releaseAppearedOn(newest) : null);
  }
  return result;
}

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * Per release and row, the day of the newest revision that is not a
 * carry-forward (up to `cutoff`, when given): confirmedOnOf from
 * lib/rules/staleness.ts, done by SQL so a whole matrix costs one query.
 */
function confirmedOnByCell(
  q: Queryable,
  versionIds: number[],
  cutoff?: string,
  featureIds?: number[],
): Map<number, Map<number, string>> {
  const result = new Map<number, Map<number, string>>();
  if (!versionIds.length) return result;
  const rows = q.all<{ mesh_version_id: number; feature_id: number; confirmed_at: string }>(sql`
    SELECT mesh_version_id, feature_id, MAX(created_at) AS confirmed_at
    FROM revisions
    WHERE mesh_version_id IN (${idList(versionIds)}) AND kind <> 'carry_forward'
      ${featureIds === undefined ? sql`` : sql`AND feature_id IN (${idList(featureIds)})`}
      ${cutoff ? sql`AND created_at <= ${cutoff}` : sql``}
    GROUP BY mesh_version_id, feature_id
  `);
  for (const row of rows) {
    const forVersion = result.get(row.mesh_version_id) ?? new Map<number, string>();
    forVersion.set(row.feature_id, dayOf(row.confirmed_at));
    result.set(row.mesh_version_id, forVersion);
  }
  return result;
}

/** Fills in confirmedOn and stale for values read at `at` (or now). */
function addFreshness(
  q: Queryable,
  values: Map<number, Map<number, CellValue>>,
  at?: string,
  featureIds?: number[],
): Map<number, Map<number, CellValue>> {
  const versionIds = [...values.keys()];
  const confirmed = confirmedOnByCell(q, versionIds, at ? endOfDay(at) : undefined, featureIds);
  const newest = newestReleaseOnByVersion(q, versionIds, at);
  for (const [versionId, forVersion] of values) {
    for (const [featureId, value] of forVersion) {
      value.confirmedOn = confirmed.get(versionId)?.get(featureId) ?? null;
      value.stale = isStale({
        headKind: value.kind,
        confirmedOn: value.confirmedOn,
        newestReleaseOn: newest.get(versionId) ?? null,
      });
    }
  }
  return values;
}

export function summarizeMesh(mesh: Mesh): MeshSummary {
  return { slug: mesh.slug, name: mesh.name, status: mesh.status, homepage: mesh.homepage };
}

export function summarizeVersion(version: MeshVersion): VersionSummary {
  return { id: version.id, label: version.label, releasedOn: version.releasedOn, createdAt: version.createdAt };
}

export function listCategories(q: Queryable = getDb()): CategoryView[] {
  // Plain SQL: every page and export reads these rows, and drizzle's row mapping of two whole tables was most of the cost.
  const rows = q.all<{
    category_slug: string;
    category_name: string;
    id: number;
    slug: string;
    name: string;
    definition: string;
    reference_url: string | null;
    kind: Feature['kind'];
  }>(sql`
    SELECT c.slug AS category_slug, c.name AS category_name, f.id, f.slug, f.name, f.definition, f.reference_url, f.kind
    FROM features f
    JOIN categories c ON c.id = f.category_id
    WHERE f.status = 'active' AND c.status = 'active'
    ORDER BY c.position, f.position
  `);
  const result: CategoryView[] = [];
  for (const row of rows) {
    let view = result.at(-1);
    if (view?.slug !== row.category_slug) {
      view = { slug: row.category_slug, name: row.category_name, features: [] };
      result.push(view);
    }
    view.features.push({
      id: row.id,
      slug: row.slug,
      name: row.name,
      definition: row.definition,
      referenceUrl: row.reference_url,
      kind: row.kind,
    });
  }
  return result;
}

export function versionsByMesh(q: Queryable, meshIds: number[]): Map<number, MeshVersion[]> {
  const rows = meshIds.length ? q.select().from(meshVersions).where(inArray(meshVersions.meshId, meshIds)).all() : [];
  const byMesh = new Map<number, MeshVersion[]>();
  for (const row of rows) byMesh.set(row.meshId, [...(byMesh.get(row.meshId) ?? []), row]);
  for (const [id, list] of byMesh) byMesh.set(id, sortReleases(list, releaseOfVersion));
  return byMesh;
}

interface AsOfRow {
  id: number;
  mesh_version_id: number;
  feature_id: number;
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
  sources: string;
  kind: RevisionKind;
  created_at: string;
  carried_from: string | null;
  release_inferred: number;
}

/** Values as they stood at `cutoff`: per cell, the last revision created on or before it. */
export function valuesAsOf(q: Queryable, versionIds: number[], cutoff: string): Map<number, Map<number, CellValue>> {
  if (!versionIds.length) return new Map();
  const rows = q.all<AsOfRow>(sql`
    SELECT r.id, r.mesh_version_id, r.feature_id, r.support, r.text, r.note, r.sources, r.kind, r.created_at, ov.label AS carried_from, r.release_inferred
    FROM (
      SELECT id, ROW_NUMBER() OVER (PARTITION BY mesh_version_id, feature_id ORDER BY created_at DESC, id DESC) AS rank
      FROM revisions
      WHERE mesh_version_id IN (${idList(versionIds)}) AND created_at <= ${cutoff}
    ) latest
    JOIN revisions r ON r.id = latest.id
    LEFT JOIN revisions o ON o.id = r.carried_from_revision_id
    LEFT JOIN mesh_versions ov ON ov.id = o.mesh_version_id
    WHERE latest.rank = 1
  `);
  return addFreshness(q, cellValuesOf(rows), cutoff.slice(0, 10));
}

/** Rows of revisions (with the carried-from release label) as values keyed by release id then feature id. */
function cellValuesOf(rows: AsOfRow[]): Map<number, Map<number, CellValue>> {
  const result = new Map<number, Map<number, CellValue>>();
  for (const row of rows) {
    const forVersion = result.get(row.mesh_version_id) ?? new Map<number, CellValue>();
    forVersion.set(row.feature_id, {
      revisionId: row.id,
      support: row.support,
      text: row.text,
      note: row.note,
      sources: JSON.parse(row.sources) as Source[],
      kind: row.kind,
      updatedAt: row.created_at,
      carriedFrom: row.kind === 'carry_forward' ? row.carried_from : null,
      releaseInferred: isReleaseInferred({ kind: row.kind, releaseInferred: row.release_inferred === 1 }),
      confirmedOn: null,
      stale: false,
    });
    result.set(row.mesh_version_id, forVersion);
  }
  return result;
}

/** Current values of the given releases, of the given rows only when `featureIds` is given. */
function readHeadValues(
  q: Queryable,
  versionIds: number[],
  featureIds?: number[],
): Map<number, Map<number, CellValue>> {
  // Plain SQL of the columns a value needs: drizzle building the query and mapping whole revision rows cost more than
  // SQLite reading them.
  const rows = q.all<AsOfRow>(sql`
    SELECT r.id, r.mesh_version_id, r.feature_id, r.support, r.text, r.note, r.sources, r.kind, r.created_at, ov.label AS carried_from, r.release_inferred
    FROM cell_heads h
    JOIN revisions r ON r.id = h.revision_id
    LEFT JOIN revisions o ON o.id = r.carried_from_revision_id
    LEFT JOIN mesh_versions ov ON ov.id = o.mesh_version_id
    WHERE h.mesh_version_id IN (${idList(versionIds)})
      ${featureIds === undefined ? sql`` : sql`AND h.feature_id IN (${idList(featureIds)})`}
  `);
  return addFreshness(q, cellValuesOf(rows), undefined, featureIds);
}

/** Whole releases' current values kept between reads: enough for the matrix's columns and a few diffs. */
const KEPT_RELEASES = 96;

interface ReleaseToken {
  /** The newest head: every revision appended to the release becomes a head, and revisions are never changed. */
  head: number;
  heads: number;
  /** The day the mesh's newest release appeared, which staleness is measured against. */
  newestReleaseOn: string | null;
}

interface KeptRelease extends ReleaseToken {
  values: ReadonlyMap<number, CellValue>;
}

const keptByConnection = new WeakMap<object, Map<number, KeptRelease>>();

/**
 * The kept releases of `q`'s connection, or null where keeping is unsafe: inside a transaction, whose reads may be
 * rolled back (and a rolled-back revision id handed out again).
 */
function keptReleasesOf(q: Queryable): Map<number, KeptRelease> | null {
  const client = (q as { $client?: { inTransaction?: unknown } }).$client;
  if (!client || client.inTransaction !== false) return null;
  let kept = keptByConnection.get(client);
  if (!kept) keptByConnection.set(client, (kept = new Map()));
  return kept;
}

/** What each release's values depend on. Release labels, which carried values name, never change. */
function releaseTokens(q: Queryable, versionIds: number[]): Map<number, ReleaseToken> {
  const heads = q.all<{ id: number; head: number; n: number }>(sql`
    SELECT mesh_version_id AS id, max(revision_id) AS head, count(*) AS n FROM cell_heads
    WHERE mesh_version_id IN (${idList(versionIds)}) GROUP BY mesh_version_id
  `);
  const byId = new Map(heads.map((row) => [row.id, row]));
  const newest = newestReleaseOnByVersion(q, versionIds);
  return new Map(
    versionIds.map((id) => [
      id,
      { head: byId.get(id)?.head ?? 0, heads: byId.get(id)?.n ?? 0, newestReleaseOn: newest.get(id) ?? null },
    ]),
  );
}

/**
 * A kept release brought up to `token`: when only new revisions arrived (the usual write, an approval), just the
 * cells whose head is newer than the kept one are read; anything else reads the release again.
 */
function refreshRelease(
  q: Queryable,
  versionId: number,
  kept: KeptRelease | undefined,
  token: ReleaseToken,
): ReadonlyMap<number, CellValue> {
  if (!kept || kept.newestReleaseOn !== token.newestReleaseOn || token.head <= kept.head)
    return freezeValues(readHeadValues(q, [versionId]).get(versionId) ?? new Map());
  const moved = q
    .all<{ feature_id: number }>(
      sql`SELECT feature_id FROM cell_heads WHERE mesh_version_id = ${versionId} AND revision_id > ${kept.head}`,
    )
    .map((row) => row.feature_id);
  const values = new Map(kept.values);
  if (moved.length)
    for (const [featureId, value] of readHeadValues(q, [versionId], moved).get(versionId) ?? [])
      values.set(featureId, value);
  return freezeValues(values);
}

function freezeValues(values: Map<number, CellValue>): Map<number, CellValue> {
  for (const value of values.values()) {
    Object.freeze(value.sources);
    Object.freeze(value);
  }
  return values;
}

/**
 * Current values of the given releases, keyed by release id then feature id; of one row only when `featureId` is
 * given (a cell's page needs its own value, not its release's hundreds).
 *
 * `reuse` (the pages' read models) keeps whole releases between reads and reads again only what moved
 * (releaseTokens, refreshRelease): after an approval the matrix and a release diff read one cell, not every release.
 * Kept values are frozen, as every later read shares them. Exports leave it off, so one pass over every release
 * does not push out what the pages read.
 */
export function headValues(
  q: Queryable,
  versionIds: number[],
  options: { featureId?: number; reuse?: boolean } = {},
): Map<number, ReadonlyMap<number, CellValue>> {
  if (!versionIds.length) return new Map();
  const featureIds = options.featureId === undefined ? undefined : [options.featureId];
  const kept = options.reuse && !featureIds ? keptReleasesOf(q) : null;
  if (!kept) return readHeadValues(q, versionIds, featureIds);
  // Tokens first: a write landing between the two reads then leaves an entry whose token is already old.
  const tokens = releaseTokens(q, versionIds);
  const result = new Map<number, ReadonlyMap<number, CellValue>>();
  for (const id of versionIds) {
    const token = tokens.get(id)!;
    let entry = kept.get(id);
    kept.delete(id);
    const current =
      entry?.head === token.head && entry.heads === token.heads && entry.newestReleaseOn === token.newestReleaseOn;
    if (!current) entry = { ...token, values: refreshRelease(q, id, entry, token) };
    kept.set(id, entry!);
    result.set(id, entry!.values);
  }
  for (const id of kept.keys()) {
    if (kept.size <= KEPT_RELEASES) break;
    kept.delete(id);
  }
  return result;
}

type KnownnessInput = Pick<CellValue, 'support' | 'text'>;

/** Known values per release over the active rows, from the values already loaded or, for heads, a narrow query. */
function coverageByVersion(
  q: Queryable,
  versionIds: number[],
  cats: CategoryView[],
  loaded: Map<number, Map<number, KnownnessInput>> | null,
): Map<number, Coverage> {
  const rows = cats.flatMap((c) => c.features.map((f) => ({ key: f.id, kind: f.kind })));
  let values = loaded;
  if (!values) {
    values = new Map();
    const heads = versionIds.length
      ? q
          .select({
            versionId: cellHeads.meshVersionId,
            featureId: cellHeads.featureId,
            support: revisions.support,
            text: revisions.text,
          })
          .from(cellHeads)
          .innerJoin(revisions, eq(revisions.id, cellHeads.revisionId))
          .where(inArray(cellHeads.meshVersionId, versionIds))
          .all()
      : [];
    for (const head of heads) {
      const forVersion = values.get(head.versionId) ?? new Map<number, KnownnessInput>();
      forVersion.set(head.featureId, head);
      values.set(head.versionId, forVersion);
    }
  }
  return new Map(versionIds.map((id) => [id, coverageOf(rows, (key) => values.get(id)?.get(key as number))]));
}

/**
 * The comparison matrix: by default the newest release of every active mesh.
 * `meshes` narrows (and may name archived meshes); `versions` picks releases.
 * Unknown slugs or releases are a BadRequestError naming them.
 */
export function getMatrix(query: MatrixQuery = {}, q: Queryable = getDb()): MatrixView {
  const allMeshes = q.select().from(meshes).orderBy(asc(meshes.position), asc(meshes.name)).all();
  const bySlug = new Map(allMeshes.map((m) => [m.slug, m]));
  const unknown = [...(query.meshes ?? []), ...(query.versions ?? []).map((v) => v.mesh)].filter(
    (slug) => !bySlug.has(slug),
  );
  if (unknown.length) {
    throw new BadRequestError(`Unknown mesh: ${[...new Set(unknown)].join(', ')}`, {
      meshes: [`unknown mesh ${unknown.join(', ')}`],
    });
  }
  const named = new Set([...(query.meshes ?? []), ...(query.versions ?? []).map((v) => v.mesh)]);
  const chosen = query.meshes?.length
    ? allMeshes.filter((m) => named.has(m.slug))
    : allMeshes.filter((m) => m.status === 'active' || named.has(m.slug));
  const versions = versionsByMesh(
    q,
    chosen.map((m) => m.id),
  );

  const allColumns: MatrixColumn[] = [];
  const missing: string[] = [];
  const cutoff = query.at ? endOfDay(query.at) : null;
  for (const mesh of chosen) {
    const all = versions.get(mesh.id) ?? [];
    const list = query.at ? all.filter((v) => isReleaseKnownOn(v, query.at!)) : all;
    const wanted = query.versions?.find((v) => v.mesh === mesh.slug);
    const version = wanted ? list.find((v) => v.label === wanted.label) : list.at(-1);
    if (wanted && !version) missing.push(releaseKey(mesh.slug, wanted.label));
    if (version) allColumns.push({ mesh: summarizeMesh(mesh), version: summarizeVersion(version) });
  }
  if (missing.length)
    throw new BadRequestError(`Unknown release: ${missing.join(', ')}`, {
      versions: [`unknown release ${missing.join(', ')}`],
    });
  const cats = listCategories(q);
  // As of a date every column's values are needed for coverage anyway; today's heads are counted by a narrow query.
  const valuesOfAll = cutoff
    ? valuesAsOf(
        q,
        allColumns.map((c) => c.version.id),
        cutoff,
      )
    : null;
  const coverage = coverageByVersion(
    q,
    allColumns.map((c) => c.version.id),
    cats,
    valuesOfAll,
  );
  for (const column of allColumns) column.coverage = coverage.get(column.version.id);
  const arranged = query.sparse ? arrangeByCoverage(allColumns, query.sparse === 'after') : null;
  const shownColumns = arranged ? arranged.columns : allColumns;
  const columnPage =
    query.columnPage === undefined
      ? undefined
      : columnPageOf(shownColumns.length, query.columnPage, columnsPerPage(rowCountOf(cats)));
  if (columnPage === null) throw new NotFoundError(`There is no page ${query.columnPage} of meshes.`);
  const columns = columnPage ? shownColumns.slice(Math.max(0, columnPage.first - 1), columnPage.last) : shownColumns;

  const values =
    valuesOfAll ??
    headValues(
      q,
      columns.map((c) => c.version.id),
      { reuse: true },
    );

  const versionIds = columns.map((c) => c.version.id);
  const pendingCounts = cutoff ? new Map<number, Map<number, number>>() : countPendingByCell(versionIds, q);
  const cells: MatrixView['cells'] = {};
  const pending: MatrixView['pending'] = {};
  for (const column of columns) {
    cells[column.mesh.slug] = byFeatureSlug(cats, values.get(column.version.id));
    pending[column.mesh.slug] = byFeatureSlug(cats, pendingCounts.get(column.version.id));
  }
  return {
    columns,
    categories: cats,
    cells,
    pending,
    ...(columnPage ? { columnPage } : {}),
    ...(arranged ? { sparseCount: arranged.sparseCount } : {}),
  };
}

/** Re-keys a feature-id map by feature slug, in row order. */
export function byFeatureSlug<T>(cats: CategoryView[], byId: ReadonlyMap<number, T> | undefined): Record<string, T> {
  const result: Record<string, T> = {};
  if (!byId) return result;
  for (const category of cats) {
    for (const feature of category.features) {
      const value = byId.get(feature.id);
      if (value !== undefined) result[feature.slug] = value;
    }
  }
  return result;
}
