/**
 * Maps a parsed table onto the matrix: which column is which mesh (and
 * release), which row is which matrix row, and what each cell says. Pure: the
 * caller passes the meshes and rows it read in its transaction.
 */
import type { Source } from '@/db/schema';
import { sourceUrlProblem } from '../sources';
import { releaseLabelSchema } from '../validation';
import { sortVersions } from '../versions';
import { readCell, type ImportedValue } from './cell-values';
import { NameIndex, nameKey, seedMeshNames, seedRowAliases, splitTrailingVersion, versionRowNames } from './names';
import type { ParsedTable, TableProblem, TableRow } from './table';

export interface CatalogVersion {
  id: number;
  label: string;
  releasedOn: string | null;
}

export interface CatalogMesh {
  id: number;
  slug: string;
  name: string;
  aliases: { slug: string; name: string }[];
  versions: CatalogVersion[];
}

export interface CatalogFeature {
  id: number;
  slug: string;
  name: string;
  kind: 'support' | 'text';
  status: 'active' | 'retired';
}

export interface Catalog {
  meshes: CatalogMesh[];
  features: CatalogFeature[];
}

export type ReleaseOrigin = 'version row' | 'heading' | 'newest release';

export interface MappedColumn {
  column: number;
  line: number;
  heading: string;
  mesh: CatalogMesh;
  label: string;
  /** null: the release does not exist yet and the import creates it. */
  version: CatalogVersion | null;
  releaseFrom: ReleaseOrigin;
}

export interface MappedRow {
  line: number;
  heading: string;
  feature: CatalogFeature;
}

export interface MappedCell {
  line: number;
  column: MappedColumn;
  row: MappedRow;
  value: ImportedValue;
  /** Links found in the cell, resolved against the source URL; http(s) only. */
  links: Source[];
}

export interface MappedTable {
  columns: MappedColumn[];
  rows: MappedRow[];
  categories: { line: number; heading: string }[];
  unknownRows: { line: number; heading: string; reason: string }[];
  cells: MappedCell[];
  emptyCells: number;
  problems: TableProblem[];
  notes: string[];
}

const MAX_TEXT = 500;
const MAX_NOTE = 1000;
/** How many rows at the top may hold the mesh names (servicemesh.es puts logos above them). */
const HEADER_CANDIDATES = 3;
const noRelease = /^(n\/?a|none|unknown|\?|-+|–|—)(\W|$)/i;

type MeshMatch = { mesh: CatalogMesh; label: string | null } | { ambiguous: CatalogMesh[] } | null;

function meshIndex(meshes: CatalogMesh[]): (heading: string) => MeshMatch {
  const index = new NameIndex<CatalogMesh>();
  for (const mesh of meshes) {
    index.add(mesh, [mesh.slug, mesh.name, ...mesh.aliases.flatMap((a) => [a.slug, a.name]), ...(seedMeshNames.get(mesh.slug) ?? [])]);
  }
  return (heading) => {
    const whole = index.find(heading);
    if (whole && 'found' in whole) return { mesh: whole.found, label: null };
    if (whole) return { ambiguous: whole.ambiguous };
    const split = splitTrailingVersion(heading);
    const named = split ? index.find(split.name) : null;
    if (named && 'found' in named) return { mesh: named.found, label: split!.label };
    return named ? { ambiguous: named.ambiguous } : null;
  };
}

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
const columnName = (column: number) => `column ${column + 1}`;

function resolveLinks(links: { url: string; title: string | null }[], sourceUrl: string): Source[] {
  const resolved: Source[] = [];
  for (const link of links) {
    let url: string;
    try {
      url = new URL(link.url, sourceUrl).href;
    } catch {
      continue;
    }
    if (sourceUrlProblem(url) || resolved.some((s) => s.url === url)) continue;
    resolved.push({ url, title: link.title });
  }
  return resolved;
}

function findRelease(mesh: CatalogMesh, label: string): CatalogVersion | undefined {
  const wanted = label.toLowerCase();
  const bare = wanted.replace(/^v(?=\d)/, '');
  return mesh.versions.find((v) => v.label.toLowerCase() === wanted) ?? mesh.versions.find((v) => v.label.toLowerCase().replace(/^v(?=\d)/, '') === bare);
}

export function mapTable(table: ParsedTable, catalog: Catalog, sourceUrl: string): MappedTable {
  const result: MappedTable = { columns: [], rows: [], categories: [], unknownRows: [], cells: [], emptyCells: 0, problems: [], notes: [] };
  const { problems, notes } = result;
  const findMesh = meshIndex(catalog.meshes);

  const candidates = table.rows.filter((r) => !r.category).slice(0, HEADER_CANDIDATES);
  const scored = candidates.map((row) => ({
    row,
    matches: row.cells.map((cell, column) => (column === 0 ? null : findMesh(cell.text))),
  }));
  const best = scored.reduce<(typeof scored)[number] | null>(
    (top, entry) => (!top || entry.matches.filter((m) => m && 'mesh' in m).length > top.matches.filter((m) => m && 'mesh' in m).length ? entry : top),
    null,
  );
  if (!best || best.matches.every((m) => !m || !('mesh' in m))) {
    const shown = candidates[0]?.cells.slice(1).map((c) => quote(c.text)).join(', ') ?? '';
    problems.push({
      line: candidates[0]?.line ?? table.line,
      message: `no column heading names a known mesh${shown ? ` (line ${candidates[0]!.line}: ${shown})` : ''}; known meshes: ${catalog.meshes.map((m) => m.name).join(', ')}`,
    });
    return result;
  }
  const header = best.row;
  const headerIndex = table.rows.indexOf(header);
  for (const row of table.rows.slice(0, headerIndex)) {
    if (!row.category && row.cells.some((c) => c.text)) notes.push(`line ${row.line}: row above the mesh names, ignored`);
  }
  const body = table.rows.slice(headerIndex + 1);

  const versionRows = body.filter((row) => !row.category && versionRowNames.has(nameKey(row.cells[0]?.text ?? '')));
  for (const extra of versionRows.slice(1)) {
    problems.push({ line: extra.line, message: `line ${extra.line}: a second version row (the first is on line ${versionRows[0]!.line}); keep one` });
  }
  const versionRow: TableRow | undefined = versionRows[0];

  const targets = new Map<string, MappedColumn>();
  for (let column = 1; column < table.width; column++) {
    const heading = header.cells[column]?.text ?? '';
    const where = `${columnName(column)} (line ${header.line})`;
    if (!heading) {
      if (body.some((row) => !row.category && row.cells[column]?.text)) problems.push({ line: header.line, message: `${where} has values but no mesh name` });
      continue;
    }
    const match = best.matches[column];
    if (!match) {
      problems.push({ line: header.line, message: `${where} ${quote(heading)} is not a known mesh: add the mesh first or remove the column` });
      continue;
    }
    if ('ambiguous' in match) {
      problems.push({ line: header.line, message: `${where} ${quote(heading)} matches several meshes (${match.ambiguous.map((m) => m.name).join(', ')}); use the mesh's own name` });
      continue;
    }
    const { mesh } = match;
    let label: string | null = null;
    let releaseFrom: ReleaseOrigin = 'newest release';
    const versionText = versionRow?.cells[column]?.text ?? '';
    if (versionText && !noRelease.test(versionText)) {
      label = versionText;
      releaseFrom = 'version row';
    } else if (versionText) {
      notes.push(`line ${versionRow!.line}: ${mesh.name} release ${quote(versionText)} names no release; its values go to the newest release`);
    }
    if (!label && match.label) {
      label = match.label;
      releaseFrom = 'heading';
    }
    let version: CatalogVersion | null;
    if (label) {
      version = findRelease(mesh, label) ?? null;
      if (!version) {
        label = label.replace(/^v(?=\d)/i, '');
        const valid = releaseLabelSchema.safeParse(label);
        if (!valid.success) {
          const line = releaseFrom === 'version row' ? versionRow!.line : header.line;
          problems.push({ line, message: `line ${line}, ${columnName(column)}: ${quote(label)} is not a release label for ${mesh.name} (a label ${valid.error.issues[0]!.message})` });
          continue;
        }
        label = valid.data;
      }
    } else {
      version = sortVersions(mesh.versions).at(-1) ?? null;
      if (!version) {
        problems.push({ line: header.line, message: `${where}: ${mesh.name} has no release yet; add a version row naming one` });
        continue;
      }
    }
    const mapped: MappedColumn = { column, line: header.line, heading, mesh, label: version?.label ?? label!, version, releaseFrom };
    const key = `${mesh.id}@${mapped.label.toLowerCase()}`;
    const earlier = targets.get(key);
    if (earlier) {
      problems.push({ line: header.line, message: `${columnName(earlier.column)} and ${columnName(column)} both import into ${mesh.name} ${mapped.label}` });
      continue;
    }
    targets.set(key, mapped);
    result.columns.push(mapped);
  }

  const rowIndex = new NameIndex<CatalogFeature>();
  for (const feature of catalog.features) rowIndex.add(feature, [feature.slug, feature.name, ...(seedRowAliases.get(feature.slug) ?? [])]);
  const seenFeatures = new Map<number, MappedRow>();
  for (const row of body) {
    if (versionRows.includes(row)) continue;
    const heading = row.cells[0]?.text ?? '';
    if (row.category) {
      result.categories.push({ line: row.line, heading });
      continue;
    }
    const hasValues = row.cells.slice(1).some((c) => c.text);
    if (!heading) {
      if (hasValues) result.unknownRows.push({ line: row.line, heading, reason: 'the row has no name' });
      continue;
    }
    const match = rowIndex.find(heading);
    if (!match) {
      result.unknownRows.push({ line: row.line, heading, reason: 'no row of this name' });
      continue;
    }
    if ('ambiguous' in match) {
      result.unknownRows.push({ line: row.line, heading, reason: `matches several rows (${match.ambiguous.map((f) => f.name).join(', ')})` });
      continue;
    }
    const feature = match.found;
    if (feature.status !== 'active') {
      result.unknownRows.push({ line: row.line, heading, reason: `the row "${feature.name}" is retired` });
      continue;
    }
    const earlier = seenFeatures.get(feature.id);
    if (earlier) {
      problems.push({ line: row.line, message: `line ${row.line}: ${quote(heading)} is the row "${feature.name}" again (first on line ${earlier.line}); keep one` });
      continue;
    }
    const mappedRow: MappedRow = { line: row.line, heading, feature };
    seenFeatures.set(feature.id, mappedRow);
    result.rows.push(mappedRow);
    for (const column of result.columns) {
      const cell = row.cells[column.column];
      const value = cell ? readCell(cell.text, feature.kind, table.footnotes) : null;
      if (!value) {
        result.emptyCells++;
        continue;
      }
      const where = `line ${row.line}, ${columnName(column.column)} (${feature.name}, ${column.mesh.name})`;
      if ((value.text?.length ?? 0) > MAX_TEXT) problems.push({ line: row.line, message: `${where}: the text is longer than ${MAX_TEXT} characters` });
      if ((value.note?.length ?? 0) > MAX_NOTE) problems.push({ line: row.line, message: `${where}: the note is longer than ${MAX_NOTE} characters` });
      result.cells.push({ line: row.line, column, row: mappedRow, value, links: resolveLinks(cell!.links, sourceUrl) });
    }
  }
  if (result.columns.length > 0 && result.rows.length === 0 && problems.length === 0) {
    problems.push({ line: header.line, message: 'no row of the table names a known row of the matrix' });
  }
  return result;
}
