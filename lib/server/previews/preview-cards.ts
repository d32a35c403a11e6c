import 'server-only';
import type { Queryable } from '@/db/client';
import { asc, eq } from 'drizzle-orm';
import { meshes, type SupportLevel } from '@/db/schema';
import { getDb } from '../db';
import { getMatrix, listCategories } from '../matrix/matrix';
import { getMeshPage, type MeshPage, type ReleaseDiff } from '../matrix/meshes';
import type { CellPage } from '../cells/cell-page';
import type { RowPage } from '../rows/row-page';
import { supportLabels } from '../../rules/format';

/** Support values by level, over the support rows of what a preview shows. */
export type SupportCounts = Record<Exclude<SupportLevel, 'unknown'>, number>;

/** What a link preview (Open Graph image) of a page says. */
export interface PreviewCard {
  title: string;
  subtitle: string;
  counts: SupportCounts;
}

function countSupport(values: Iterable<{ support: SupportLevel | null } | undefined>): SupportCounts {
  const counts: SupportCounts = { yes: 0, partial: 0, no: 0 };
  for (const value of values) {
    const support = value?.support;
    if (support === 'yes' || support === 'partial' || support === 'no') counts[support] += 1;
  }
  return counts;
}

/** The matrix as `/` shows it: its meshes' newest releases and their support values. */
export function getMatrixPreview(q: Queryable = getDb()): PreviewCard {
  const matrix = getMatrix({}, q);
  const rows = matrix.categories.flatMap((c) => c.features.filter((f) => f.kind === 'support'));
  const values = matrix.columns.flatMap((column) => rows.map((row) => matrix.cells[column.mesh.slug]?.[row.slug]));
  return {
    title: 'Service mesh comparison',
    subtitle: `${matrix.columns.length} meshes × ${rows.length} features, every value sourced`,
    counts: countSupport(values),
  };
}

function countMeshPage(page: MeshPage): { rows: number; counts: SupportCounts } {
  const rows = page.categories.flatMap((c) => c.features.filter((f) => f.kind === 'support'));
  return { rows: rows.length, counts: countSupport(rows.map((row) => page.cells[row.slug])) };
}

/** One mesh's newest release, as its page shows it by default. */
export function getMeshPreview(slug: string, q: Queryable = getDb()): PreviewCard {
  const page = getMeshPage(slug, undefined, q);
  const { rows, counts } = countMeshPage(page);
  return { title: page.mesh.name, subtitle: `Release ${page.version.label}: ${rows} features compared`, counts };
}

/** A mesh release page's search snippet: the mesh's own description, then what the release supports. */
export function describeMeshRelease(page: MeshPage): string {
  const { rows, counts } = countMeshPage(page);
  const about = page.mesh.description.trim().replace(/([^.!?])$/, '$1.');
  return `${about ? `${about} ` : ''}${page.mesh.name} ${page.version.label} across ${rows} features: ${counts.yes} supported, ${counts.partial} partly, ${counts.no} not, each value with its sources and history.`;
}

/** The matrix's search snippet: which meshes it compares, most compared first, and over how many features. */
export function describeMatrix(q: Queryable = getDb()): string {
  const active = q
    .select({ name: meshes.name })
    .from(meshes)
    .where(eq(meshes.status, 'active'))
    .orderBy(asc(meshes.position), asc(meshes.name))
    .all();
  const rows = listCategories(q).flatMap((c) => c.features);
  const named = active.slice(0, 6).map((m) => m.name);
  const more = active.length > named.length ? ` and ${active.length - named.length} more` : '';
  return `Compare ${active.length} service meshes feature by feature: ${named.join(', ')}${more}, across ${rows.length} features, with sources and history for every value.`;
}

/** What a cell says, in words: its support level or text, and its qualifier note. */
function describeValue(
  value: { support: SupportLevel | null; text: string | null; note: string | null } | null,
): string {
  if (!value) return 'nothing recorded yet';
  const main = value.support !== null ? supportLabels[value.support] : value.text?.trim() || 'nothing recorded yet';
  return value.note?.trim() ? `${main} (${value.note.trim()})` : main;
}

/** A cell page's search snippet: the mesh, release, row and value, then what counts and how it is sourced. */
export function describeCell(page: CellPage): string {
  const sources = page.current?.sources.length ?? 0;
  return [
    `${page.feature.name} in ${page.mesh.name} ${page.version.label}: ${describeValue(page.current)}.`,
    sources ? `Backed by ${sources} ${sources === 1 ? 'source' : 'sources'}.` : '',
    page.lastConfirmed ? `Last confirmed ${page.lastConfirmed.on}.` : '',
    `What counts: ${page.feature.definition}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** A row page's search snippet: what counts as support, and how many meshes support it. */
export function describeRow(page: RowPage): string {
  const counts = countSupport(page.meshes);
  return `${page.feature.name}: ${page.feature.definition} Across ${page.meshes.length} service meshes: ${counts.yes} support it, ${counts.partial} partly, ${counts.no} not.`;
}

/** A release diff's search snippet. */
export function describeReleaseDiff(diff: ReleaseDiff): string {
  const { changed, newlySupported, noLongerSupported } = diff.counts;
  return `What changed in ${diff.mesh.name} from ${diff.from.label} to ${diff.to.label}: ${changed} ${changed === 1 ? 'feature' : 'features'} changed, ${newlySupported} newly supported, ${noLongerSupported} no longer supported, with sources.`;
}
