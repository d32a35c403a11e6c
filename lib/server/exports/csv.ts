import type { ExportRow } from './all-cells';

export const DATA_LICENCE =
  'Data includes servicemesh.es by INNOQ, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); every value lists its sources.';

function cell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote everything that could break a row, and neutralise spreadsheet formulas in user-supplied text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `true` / `false`, empty where there is no value at all. */
function booleanCell(value: boolean | undefined): string | null {
  return value === undefined ? null : String(value);
}

export const CSV_COLUMNS = [
  'mesh',
  'mesh_name',
  'mesh_status',
  'release',
  'released_on',
  'category',
  'row',
  'row_name',
  'kind',
  'support',
  'text',
  'note',
  'sources',
  'revision_id',
  'revision_kind',
  'carried_from',
  'updated_at',
  'release_inferred',
  'confirmed_on',
  'stale',
] as const;

/** The header line, CRLF included. */
export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

/** One line per mesh, release and row, each ending in CRLF, without the header: a part of a larger export. */
export function renderCsvLines(rows: ExportRow[]): string {
  let out = '';
  for (const { mesh, version, category, feature, value } of rows) {
    out += `${[
      mesh.slug,
      mesh.name,
      mesh.status,
      version.label,
      version.releasedOn,
      category.slug,
      feature.slug,
      feature.name,
      feature.kind,
      value?.support,
      value?.text,
      value?.note,
      value?.sources.map((s) => s.url).join(' '),
      value?.revisionId,
      value?.kind,
      value?.carriedFrom,
      value?.updatedAt,
      booleanCell(value?.releaseInferred),
      value?.confirmedOn,
      booleanCell(value?.stale),
    ]
      .map(cell)
      .join(',')}\r\n`;
  }
  return out;
}

/** One line per mesh, release and row (RFC 4180, CRLF line ends). */
export function renderCsv(rows: ExportRow[]): string {
  return CSV_HEADER + renderCsvLines(rows);
}
