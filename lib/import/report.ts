import type { Source, SupportLevel } from '@/db/schema';
import type { ReleaseOrigin } from './map-table';
import type { TableProblem } from './table';

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

/** What an import did, or (dry run, or problems) would do. The CLI prints it; /admin/import shows it. */
export interface ImportReport {
  dryRun: boolean;
  written: boolean;
  source: Source;
  date: string;
  format: 'markdown' | 'html' | null;
  tableLine: number | null;
  /** Anything here means nothing was (or would be) written. */
  problems: TableProblem[];
  notes: string[];
  columns: { column: number; line: number; heading: string; mesh: string; meshName: string; label: string; newRelease: boolean; releaseFrom: ReleaseOrigin }[];
  rows: { line: number; heading: string; feature: string; featureName: string }[];
  categories: { line: number; heading: string }[];
  unknownRows: { line: number; heading: string; reason: string }[];
  newReleases: { mesh: string; meshName: string; label: string; carriedFrom: string | null }[];
  changes: ImportChange[];
  unchanged: ImportCellRef[];
  emptyCells: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeValue(value: ImportValueView | null): string {
  if (!value) return '(empty)';
  const main = value.support ?? value.text ?? '';
  return value.note ? `${main} (${value.note})` : main;
}

/** One sentence: what happened or would happen. */
export function summarizeImport(report: ImportReport): string {
  if (report.problems.length > 0) return `The table has ${plural(report.problems.length, 'problem')}; nothing was written.`;
  const releases = report.newReleases.length ? ` and ${plural(report.newReleases.length, 'new release')}` : '';
  const unchanged = `${plural(report.unchanged.length, 'cell')} unchanged`;
  if (report.dryRun) {
    return `Dry run, nothing written: importing would add ${plural(report.changes.length, 'revision')}${releases}; ${unchanged}.`;
  }
  if (!report.written) return `Nothing to import: ${unchanged}, no new values.`;
  return `Imported ${plural(report.changes.length, 'revision')}${releases}; ${unchanged}.`;
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
  section('Problems, nothing written', report.problems.map((p) => p.message));
  section(
    'Meshes',
    report.columns.map((c) => `${c.heading} -> ${c.meshName} ${c.label}${c.newRelease ? ' (new release)' : ''} [${c.releaseFrom}]`),
  );
  section('Rows', report.rows.map((r) => `line ${r.line}: ${r.heading} -> ${r.featureName}`));
  section('Category rows', report.categories.map((c) => `line ${c.line}: ${c.heading}`));
  section('Not mapped, skipped', report.unknownRows.map((r) => `line ${r.line}: ${r.heading ? `"${r.heading}"` : '(no name)'}: ${r.reason}`));
  section(
    'New releases',
    report.newReleases.map((r) => `${r.meshName} ${r.label}${r.carriedFrom ? ` (starts from ${r.carriedFrom})` : ' (starts empty)'}`),
  );
  section(
    report.written ? 'Revisions added' : 'Revisions to add',
    report.changes.map(
      (c) =>
        `line ${c.line}: ${c.mesh}@${c.label}/${c.feature}: ${describeValue(c.before)} -> ${describeValue(c.after)}` +
        `${c.sameValue ? ' [same value, adds the source]' : ''}${c.guessed ? ' [no yes/no word: read as partial]' : ''}` +
        `${c.replacesNewer ? ' [the current value is newer than the table]' : ''}`,
    ),
  );
  section('Unchanged', report.unchanged.map((c) => `line ${c.line}: ${c.mesh}@${c.label}/${c.feature}`));
  section('Notes', report.notes);
  lines.push('', `${summarizeImport(report)}${report.emptyCells ? ` ${plural(report.emptyCells, 'empty cell')} skipped.` : ''}`);
  return lines.join('\n');
}
