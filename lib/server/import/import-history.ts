import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import { imports } from '@/db/schema';
import { defineCommand, rehearse } from '../command';
import { getDb } from '../db';
import { actorIdOf, allow, type AnyActor } from '../../rules/permissions';
import { parseInput } from '../../rules/validation';
import { importHistorySchema, importHistoryVersionSchema } from './schemas';
import type { ParseResult, TableProblem } from '../../rules/tables/table';
import type { ImportChoices } from '../../rules/tables/map-table';
import { defaultTitle, runImport } from './run-import';
import { parseTable } from '../../rules/tables/parse-table';
import type { ImportReport } from '../../rules/tables/report';

export type HistoryVersionStatus =
  'imported' | 'already imported' | 'unchanged' | 'no table' | 'problems' | 'not reached';

/** What a version wrote (or, in a dry run, would write), and the cells it left alone. */
const countKeys = ['revisions', 'releases', 'aliases', 'meshes', 'rows', 'categories', 'leftNewer'] as const;
type HistoryCounts = Record<(typeof countKeys)[number], number>;

export interface HistoryVersionReport extends HistoryCounts {
  file: string;
  url: string;
  committedAt: string;
  status: HistoryVersionStatus;
  /** Names in this version that nothing placed (left out). */
  unplaced: string[];
  problems: TableProblem[];
  /** The full report of this version, for --json and the tests. */
  report: ImportReport | null;
}

export interface HistoryReport {
  dryRun: boolean;
  versions: HistoryVersionReport[];
  totals: HistoryCounts & { versions: number; imported: number; alreadyImported: number; problems: number };
}

/** A version's own date as its table names it (the offset kept), and the instant to stamp what it writes. */
function versionDates(committedAt: string): { date: string; createdAt: string } {
  return { date: committedAt.slice(0, 10), createdAt: new Date(committedAt).toISOString() };
}

/**
 * One version of a table's history as one import, dated by the version and
 * citing its own URL, in the caller's transaction: the replay and the seed
 * both go through it, so a seeded database counts its versions as imported.
 */
export function writeHistoryVersion(
  tx: Queryable,
  parsed: ParseResult,
  version: { file: string; url: string; committedAt: string },
  settings: { actorId: number | null; title: string | null; choices: ImportChoices; via?: 'cli' | 'seed' },
): ImportReport {
  const { date, createdAt } = versionDates(version.committedAt);
  return runImport(tx, parsed, {
    actorId: settings.actorId,
    source: {
      url: version.url,
      title: settings.title ? `${settings.title} (${date})` : defaultTitle(version.url, date),
    },
    date,
    createdAt,
    dryRun: false,
    mode: 'publish',
    choices: settings.choices,
    series: version.file,
    ...(settings.via ? { via: settings.via } : {}),
  });
}

function summarize(
  file: string,
  url: string,
  committedAt: string,
  status: HistoryVersionStatus,
  report: ImportReport | null,
): HistoryVersionReport {
  const wrote = status === 'imported' && report !== null;
  return {
    file,
    url,
    committedAt,
    status,
    revisions: wrote ? report.changes.length : 0,
    releases: wrote ? report.newReleases.length : 0,
    aliases: wrote ? report.aliases.length : 0,
    meshes: wrote ? report.created.meshes.length : 0,
    rows: wrote ? report.created.rows.length : 0,
    categories: wrote ? report.created.categories.length : 0,
    leftNewer: report?.leftNewer.length ?? 0,
    unplaced: report
      ? [
          ...report.columns.filter((c) => !c.mesh).map((c) => c.heading),
          ...report.rows.filter((r) => !r.row).map((r) => r.heading),
        ]
      : [],
    problems: report?.problems ?? [],
    report,
  };
}

/** One version of a table's history, imported in its own transaction; importHistory runs it once per version. */
export const importHistoryVersion = defineCommand({
  name: 'import.history-version',
  authorize: allow.adminOrCommandLine,
  schema: z
    .object({
      version: importHistoryVersionSchema,
      title: importHistorySchema.shape.title,
      choices: importHistorySchema.shape.choices,
    })
    .strict(),
  run: ({ actor, input, tx }) =>
    writeHistoryVersion(tx, parseTable(input.version.table), input.version, {
      actorId: actorIdOf(actor),
      title: input.title ?? null,
      choices: input.choices,
    }),
  // runImport records the import and what it creates.
  audit: null,
  changes: (report) => (report.written ? { everything: true } : {}),
});

/**
 * Replays a series of dated versions of one table, oldest first. Each
 * version is one import dated by the version itself: it writes revisions
 * only for the cells it changes (or states for a release first), creates the
 * releases its version row names, cites its own URL, and leaves alone any
 * cell holding a value recorded after its date. Each version commits on its
 * own and is recorded, so a run stopped half way resumes after the last
 * finished version; re-running adds nothing. The first version with problems
 * stops the run (nothing of it written). A dry run replays everything in one
 * transaction and rolls it back, so later versions see what earlier ones
 * would have written.
 */
export function importHistory(
  actor: AnyActor | null | undefined,
  input: unknown,
  options: { db?: Queryable } = {},
): HistoryReport {
  allow.adminOrCommandLine(actor);
  const data = parseInput(importHistorySchema, input);
  const ordered = data.versions
    .map((v, index) => ({ ...v, index }))
    .sort((a, b) => Date.parse(a.committedAt) - Date.parse(b.committedAt) || a.index - b.index);
  const results: HistoryVersionReport[] = [];

  const replay = (db: Queryable) => {
    let stopped = false;
    for (const { file, url, committedAt, table } of ordered) {
      const version = { file, url, committedAt, table };
      if (stopped) {
        results.push(summarize(version.file, version.url, version.committedAt, 'not reached', null));
        continue;
      }
      const done = db
        .select({ id: imports.id })
        .from(imports)
        .where(and(eq(imports.series, version.file), eq(imports.sourceUrl, version.url)))
        .get();
      if (done) {
        results.push(summarize(version.file, version.url, version.committedAt, 'already imported', null));
        continue;
      }
      // Each version is its own command: a failure or a stop leaves every earlier version committed.
      const ran = importHistoryVersion(actor, { version, title: data.title, choices: data.choices }, { db });
      const report = data.dryRun ? { ...ran, dryRun: true, written: false, importId: null } : ran;
      const status: HistoryVersionStatus =
        report.problems.length > 0
          ? 'problems'
          : !parseTable(version.table).table
            ? 'no table'
            : ran.written
              ? 'imported'
              : 'unchanged';
      results.push(summarize(version.file, version.url, version.committedAt, status, report));
      if (status === 'problems' && !data.dryRun) stopped = true;
    }
  };

  // A dry run replays every version inside one rehearsal, so each version sees what the ones before it would have written.
  if (data.dryRun) rehearse(replay, options.db);
  else replay(options.db ?? getDb());

  const counts = Object.fromEntries(
    countKeys.map((key) => [key, results.reduce((n, v) => n + v[key], 0)]),
  ) as HistoryCounts;
  return {
    dryRun: data.dryRun,
    versions: results,
    totals: {
      versions: results.length,
      imported: results.filter((v) => v.status === 'imported').length,
      alreadyImported: results.filter((v) => v.status === 'already imported').length,
      ...counts,
      problems: results.reduce((n, v) => n + v.problems.length, 0),
    },
  };
}

/** The history report as lines for the command line. */
export function formatHistoryReport(report: HistoryReport): string {
  const lines = report.versions.map((v) => {
    const counts =
      `${v.revisions} revisions, ${v.releases} releases` +
      (v.aliases ? `, ${v.aliases} names remembered` : '') +
      (v.rows ? `, ${v.rows} rows created` : '') +
      (v.meshes ? `, ${v.meshes} meshes created` : '');
    const extra = [
      v.leftNewer ? `${v.leftNewer} cells left alone (newer value recorded)` : '',
      v.unplaced.length ? `not placed: ${v.unplaced.map((n) => `"${n}"`).join(', ')}` : '',
      ...v.problems.map((p) => `problem: ${p.message}`),
    ].filter(Boolean);
    return `${v.committedAt.slice(0, 10)} ${v.file}: ${v.status}${v.status === 'imported' ? ` (${counts})` : ''}${extra.length ? `\n    ${extra.join('\n    ')}` : ''}`;
  });
  const t = report.totals;
  lines.push(
    '',
    `${report.dryRun ? 'Dry run, nothing written: would import' : 'Imported'} ${t.imported} of ${t.versions} versions` +
      (t.alreadyImported ? ` (${t.alreadyImported} already imported)` : '') +
      `: ${t.revisions} revisions, ${t.releases} releases, ${t.aliases} names remembered, ${t.meshes} meshes, ${t.categories} categories and ${t.rows} rows created; ` +
      `${t.leftNewer} cells left alone; ${t.problems} problems.`,
  );
  return lines.join('\n');
}
