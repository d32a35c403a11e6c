import type { Source, SupportLevel } from '@/db/schema';
import type { ImportMode } from '@/db/schema';
import type { MatchedBy, Orientation, PlacementStatus, ReleaseOrigin, Suggestion } from './map-table';
import type { TableProblem } from './table';
import { cellKey } from '../cell-keys';

export interface ImportValueView {
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
}

export interface ImportCellRef {
  line: number;
  mesh: string;
  meshName: string;
  label: string;
  feature: string;
  featureName: string;
}

export interface ImportChange extends ImportCellRef {
  /** The cell's value before the import (for a new release: what it would carry over), null when empty. */
  before: ImportValueView | null;
  after: ImportValueView;
  sources: Source[];
  /** The value is the same; the revision adds this source as a check of it. */
  sameValue: boolean;
  /** A support cell without a yes/no/partial word, read as partial. */
  guessed: boolean;
  /** The current value was recorded after the table's date: importing an older table overwrites newer information. */
  replacesNewer: boolean;
}

export interface ColumnReport {
  /** 1-based column of the table as read (after turning a transposed table round). */
  column: number;
  line: number;
  heading: string;
  status: PlacementStatus;
  mesh: string | null;
  meshName: string | null;
  release: string | null;
  newRelease: boolean;
  releaseFrom: ReleaseOrigin | null;
  matchedBy: MatchedBy | null;
  reason: string | null;
  suggestions: Suggestion[];
}

export interface RowReport {
  line: number;
  heading: string;
  /** The explanation the table gives next to the row's name, offered as a new row's definition. */
  explanation: string | null;
  status: PlacementStatus;
  row: string | null;
  rowName: string | null;
  /** The category of the matrix the row is in (or, for a row to create, the one it would go in). */
  category: string | null;
  matchedBy: MatchedBy | null;
  reason: string | null;
  suggestions: Suggestion[];
}

/** A remembered name: the next import of a table using it maps it without asking. */
export interface AliasReport {
  target: 'mesh' | 'feature';
  name: string;
  slug: string;
}

/** A cell the table gives a value for, left alone because it holds a value recorded after the table's date. */
export interface LeftNewerCell extends ImportCellRef {
  recordedAt: string;
}

/** What an import did, or (dry run, or problems) would do. The CLI prints it; /admin/import shows it. */
export interface ImportReport {
  dryRun: boolean;
  written: boolean;
  mode: ImportMode;
  /** The import's id once written (proposals sent to review carry it). */
  importId: number | null;
  source: Source;
  date: string;
  format: 'markdown' | 'html' | null;
  tableLine: number | null;
  orientation: Orientation | null;
  /** Anything here means nothing was (or would be) written. */
  problems: TableProblem[];
  notes: string[];
  columns: ColumnReport[];
  rows: RowReport[];
  categories: { line: number; heading: string }[];
  created: {
    meshes: { slug: string; name: string }[];
    categories: { slug: string; name: string }[];
    rows: { slug: string; name: string; category: string; kind: 'support' | 'text' }[];
  };
  aliases: AliasReport[];
  newReleases: { mesh: string; meshName: string; label: string; carriedFrom: string | null }[];
  changes: ImportChange[];
  unchanged: ImportCellRef[];
  leftNewer: LeftNewerCell[];
  /** In review mode: proposals sent (or that would be sent) to the review queue, one per change. */
  proposals: number;
  emptyCells: number;
}

/** Names the report could not place, for the "choose" step. */
export const unplacedColumns = (report: ImportReport) => report.columns.filter((c) => c.mesh === null);
export const unplacedRows = (report: ImportReport) => report.rows.filter((r) => r.row === null);

/** The report as one JSON object (`--json`), with the totals a script needs. */
export function importReportJson(report: ImportReport) {
  return {
    orientation: report.orientation,
    mode: report.mode,
    dryRun: report.dryRun,
    written: report.written,
    importId: report.importId,
    source: report.source,
    date: report.date,
    columns: report.columns.map((c) => ({
      heading: c.heading,
      mesh: c.mesh,
      release: c.release,
      status: c.status,
      suggestions: c.suggestions.map((s) => s.slug),
    })),
    rows: report.rows.map((r) => ({
      heading: r.heading,
      row: r.row,
      status: r.status,
      suggestions: r.suggestions.map((s) => s.slug),
    })),
    problems: report.problems.map((p) => ({ line: p.line, message: p.message })),
    notes: report.notes,
    aliases: report.aliases,
    leftNewer: report.leftNewer.map((c) => cellKey(c.mesh, c.label, c.feature)),
    wouldWrite: {
      revisions: report.mode === 'publish' ? report.changes.length : 0,
      proposals: report.mode === 'review' ? report.changes.length : 0,
      releases: report.newReleases.length,
      meshes: report.created.meshes.length,
      categories: report.created.categories.length,
      rows: report.created.rows.length,
      aliases: report.aliases.length,
    },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeValue(value: ImportValueView | null): string {
  if (!value) return '(empty)';
  const main = value.support ?? value.text ?? '';
  return value.note ? `${main} (${value.note})` : main;
}

/** One sentence: what happened or would happen. */
export function summarizeImport(report: ImportReport): string {
  if (report.problems.length > 0)
    return `The table has ${plural(report.problems.length, 'problem')}; nothing was written.`;
  const releases = report.newReleases.length ? ` and ${plural(report.newReleases.length, 'new release')}` : '';
  const unchanged = `${plural(report.unchanged.length, 'cell')} unchanged`;
  const what =
    report.mode === 'review' ? plural(report.changes.length, 'proposal') : plural(report.changes.length, 'revision');
  const unplaced = unplacedColumns(report).length + unplacedRows(report).length;
  const left = unplaced ? ` ${plural(unplaced, 'name')} not placed, left out.` : '';
  if (report.dryRun) {
    return `Dry run, nothing written: importing would ${report.mode === 'review' ? 'send' : 'add'} ${what}${releases}${report.mode === 'review' ? ' to the review queue' : ''}; ${unchanged}.${left}`;
  }
  if (!report.written) return `Nothing to import: ${unchanged}, no new values.${left}`;
  return `${report.mode === 'review' ? `Sent ${what} to the review queue` : `Imported ${what}`}${releases}; ${unchanged}.${left}`;
}

/** The report as plain text lines, for the command line. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`, ...items.map((item) => `  ${item}`));
  };
  lines.push(
    `Import of ${report.source.url} (${report.source.title ?? 'untitled'}), table as of ${report.date}` +
      (report.format ? `: ${report.format === 'html' ? 'HTML' : 'Markdown'} table at line ${report.tableLine}` : ''),
  );
  section(
    'Problems, nothing written',
    report.problems.map((p) => p.message),
  );
  lines.push(
    `Read ${report.orientation ?? 'no table'}${report.mode === 'review' ? '; changes go to the review queue' : ''}.`,
  );
  const suggestionText = (suggestions: { slug: string }[]) =>
    suggestions.length ? ` (closest: ${suggestions.map((x) => x.slug).join(', ')})` : '';
  section(
    'Meshes',
    report.columns.map((c) =>
      c.mesh
        ? `${c.heading} -> ${c.meshName} ${c.release}${c.newRelease ? ' (new release)' : ''} [${c.status}${c.matchedBy === 'alias' ? ', remembered name' : ''}; release from ${c.releaseFrom}]`
        : `${c.heading} -> ? [${c.status}: ${c.reason}]${suggestionText(c.suggestions)}`,
    ),
  );
  section(
    'Rows',
    report.rows.map((r) =>
      r.row
        ? `line ${r.line}: ${r.heading} -> ${r.rowName} [${r.status}${r.matchedBy === 'alias' ? ', remembered name' : ''}]`
        : `line ${r.line}: ${r.heading ? `"${r.heading}"` : '(no name)'} -> ? [${r.status}: ${r.reason}]${suggestionText(r.suggestions)}`,
    ),
  );
  section(
    'Category rows',
    report.categories.map((c) => `line ${c.line}: ${c.heading}`),
  );
  section(report.written ? 'Created' : 'To create', [
    ...report.created.meshes.map((m) => `mesh ${m.name} (${m.slug})`),
    ...report.created.categories.map((c) => `category ${c.name} (${c.slug})`),
    ...report.created.rows.map((r) => `row ${r.name} (${r.slug}, ${r.kind}) in ${r.category}`),
  ]);
  section(
    report.written ? 'Names remembered' : 'Names to remember',
    report.aliases.map((a) => `"${a.name}" = ${a.target === 'mesh' ? 'mesh' : 'row'} ${a.slug}`),
  );
  section(
    'New releases',
    report.newReleases.map(
      (r) => `${r.meshName} ${r.label}${r.carriedFrom ? ` (starts from ${r.carriedFrom})` : ' (starts empty)'}`,
    ),
  );
  section(
    report.mode === 'review'
      ? report.written
        ? 'Proposals sent'
        : 'Proposals to send'
      : report.written
        ? 'Revisions added'
        : 'Revisions to add',
    report.changes.map(
      (c) =>
        `line ${c.line}: ${cellKey(c.mesh, c.label, c.feature)}: ${describeValue(c.before)} -> ${describeValue(c.after)}` +
        `${c.sameValue ? ' [same value, adds the source]' : ''}${c.guessed ? ' [no yes/no word: read as partial]' : ''}` +
        `${c.replacesNewer ? ' [the current value is newer than the table]' : ''}`,
    ),
  );
  section(
    'Unchanged',
    report.unchanged.map((c) => `line ${c.line}: ${cellKey(c.mesh, c.label, c.feature)}`),
  );
  section(
    'Left alone (a newer value is recorded)',
    report.leftNewer.map(
      (c) => `line ${c.line}: ${cellKey(c.mesh, c.label, c.feature)} (recorded ${c.recordedAt.slice(0, 10)})`,
    ),
  );
  section('Notes', report.notes);
  lines.push(
    '',
    `${summarizeImport(report)}${report.emptyCells ? ` ${plural(report.emptyCells, 'empty cell')} skipped.` : ''}`,
  );
  return lines.join('\n');
}
