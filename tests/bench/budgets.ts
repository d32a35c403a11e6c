import type { LighthouseScores } from './lighthouse';

/**
 * The budgets issue 16 sets, each with the figure this run measured and whether it is met. run.ts prints them as one
 * table at the end of `npm run bench` and stores them in bench/results.json.
 */

export interface BudgetRow {
  dataset: string;
  budget: string;
  goal: string;
  figure: string;
  met: boolean;
}

export interface MeasuredDataset {
  dataset: string;
  homeHtmlBytes: number;
  homeGzipBytes: number;
  clientJsGzipBytes: number;
  cellClientJsGzipBytes: number;
  staticRatio: number;
  uncachedMs: Record<'home' | 'releaseDiff' | 'cellHistory', { p50: number; max: number }>;
  approvalMs: { p50: number; p99: number };
  /** GET /api/health timed the same way just before: what any route costs then (not a budget; shown beside one). */
  routeFloorMs?: { p99: number };
  peakRssMb: number;
  fullCsvMs: { p50: number };
}

/**
 * One full CSV of the large set before issue 16 (commit 0b2fe1c, `curl -w '%{time_total}'` right after a write, the
 * server otherwise idle): the figure "ten times faster" is measured against.
 */
export const FULL_CSV_BEFORE_MS = { large: 35_900 } as Record<string, number>;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function evaluateBudgets(result: MeasuredDataset): BudgetRow[] {
  const { dataset } = result;
  const rows: BudgetRow[] = [];
  const add = (budget: string, goal: string, figure: string, met: boolean) =>
    rows.push({ dataset, budget, goal, figure, met });
  if (dataset === 'seeded') {
    add('/ HTML', '≤ 250 KB', kb(result.homeHtmlBytes), result.homeHtmlBytes <= 250 * 1024);
    add('/ HTML gzipped', '≤ 25 KB', kb(result.homeGzipBytes), result.homeGzipBytes <= 25 * 1024);
    add('client JS on /, gzipped', '≤ 60 KB', kb(result.clientJsGzipBytes), result.clientJsGzipBytes <= 60 * 1024);
    add(
      'client JS on a cell page, gzipped',
      '≤ 60 KB',
      kb(result.cellClientJsGzipBytes),
      result.cellClientJsGzipBytes <= 60 * 1024,
    );
    add(
      'cached / vs bare node:http (own process)',
      '≥ 50%',
      `${(result.staticRatio * 100).toFixed(1)}%`,
      result.staticRatio >= 0.5,
    );
  }
  if (dataset === 'large') {
    const u = result.uncachedMs;
    add('uncached / after an approval, p50', '< 300 ms', `${u.home.p50} ms`, u.home.p50 < 300);
    add('uncached release diff after an approval, p50', '< 50 ms', `${u.releaseDiff.p50} ms`, u.releaseDiff.p50 < 50);
    add('uncached cell history after an approval, p50', '< 50 ms', `${u.cellHistory.p50} ms`, u.cellHistory.p50 < 50);
    const floor = result.routeFloorMs ? ` (GET /api/health: ${result.routeFloorMs.p99} ms)` : '';
    add('approval over HTTP, p99', '< 20 ms', `${result.approvalMs.p99} ms${floor}`, result.approvalMs.p99 < 20);
    add('server peak RSS under load', '< 400 MB', `${result.peakRssMb} MB`, result.peakRssMb < 400);
    const before = FULL_CSV_BEFORE_MS[dataset];
    const speedup = before ? before / result.fullCsvMs.p50 : 0;
    add(
      'full CSV after a write (uncompressed), p50',
      before ? `≤ ${(before / 10).toFixed(0)} ms (10× faster than ${before} ms)` : '10× faster',
      before ? `${result.fullCsvMs.p50} ms (${speedup.toFixed(1)}×)` : `${result.fullCsvMs.p50} ms`,
      speedup >= 10,
    );
  }
  return rows;
}

export function evaluateLighthouse(scores: LighthouseScores[]): BudgetRow[] {
  return scores.flatMap((s) =>
    (
      [
        ['performance', s.performance],
        ['accessibility', s.accessibility],
        ['best practices', s.bestPractices],
        ['SEO', s.seo],
      ] as const
    ).map(([category, score]) => ({
      dataset: 'seeded',
      budget: `Lighthouse ${category}: ${s.name} (${s.path})`,
      goal: '≥ 95',
      figure: String(score),
      met: score >= 95,
    })),
  );
}

export function printBudgets(rows: BudgetRow[]) {
  console.log('\n## Budgets (issue 16)\n');
  console.log('| data set | budget | goal | figure | met |');
  console.log('| --- | --- | --- | ---: | --- |');
  for (const r of rows)
    console.log(`| ${r.dataset} | ${r.budget} | ${r.goal} | ${r.figure} | ${r.met ? 'met' : 'NOT met'} |`);
  const missed = rows.filter((r) => !r.met).length;
  console.log(`\n${rows.length - missed} of ${rows.length} budgets met`);
}
