/**
 * Lighthouse 12.8 on the local Chromium, its default (mobile) profile, all four categories. run.ts calls
 * runLighthouse for the public pages; lighthouse-cli.ts runs it against any base URL.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import type { Result as LighthouseResult } from 'lighthouse';

export interface LighthouseTarget {
  name: string;
  path: string;
}

export interface LighthouseOpportunity {
  id: string;
  title: string;
  /** Lighthouse's estimate of what fixing it saves, in ms (0 where it only estimates bytes). */
  savingsMs: number;
  savingsBytes: number;
}

export interface LighthouseScores {
  name: string;
  path: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** The audits that did not pass in accessibility, best practices and SEO, so a score below 100 says why. */
  failedAudits: string[];
  /** Performance opportunities with a saving, largest first. */
  opportunities: LighthouseOpportunity[];
}

/** Debian's Chromium unless CHROME_PATH (chrome-launcher's own variable) or CHROMIUM_PATH names another. */
function chromePath(): string | undefined {
  const configured = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH;
  if (configured) return configured;
  return fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** A category score as Lighthouse shows it (0–100); a category that could not be scored counts as 0. */
const scoreOf = (score: number | null | undefined) => Math.round((score ?? 0) * 100);

const runFile = promisify(execFile);

/**
 * Lighthouse's own command line, run by plain node: under tsx (which runs the bench) esbuild's `__name` helper ends up
 * in the functions Lighthouse sends into the page, and every gatherer fails with "__name is not defined".
 */
const lighthouseCli = createRequire(import.meta.url).resolve('lighthouse/cli/index.js');

async function auditPage(url: string, port: number): Promise<LighthouseResult> {
  const { stdout } = await runFile(
    process.execPath,
    [
      lighthouseCli,
      url,
      `--port=${port}`,
      '--output=json',
      '--output-path=stdout',
      '--quiet',
      `--only-categories=${categories.join(',')}`,
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LighthouseResult;
}

/**
 * Runs Lighthouse against each target in turn (never in parallel: on a shared machine parallel runs would measure each
 * other). One Chromium serves every target; each run gets a fresh tab and Lighthouse's own storage reset.
 */
export async function runLighthouse(base: string, targets: LighthouseTarget[]): Promise<LighthouseScores[]> {
  const chrome = await chromeLauncher.launch({ chromePath: chromePath(), chromeFlags });
  const results: LighthouseScores[] = [];
  try {
    for (const target of targets) {
      const url = new URL(target.path, base).href;
      const lhr = await auditPage(url, chrome.port);
      if (lhr.runtimeError)
        throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      results.push({
        name: target.name,
        path: target.path,
        performance: scoreOf(lhr.categories.performance?.score),
        accessibility: scoreOf(lhr.categories.accessibility?.score),
        bestPractices: scoreOf(lhr.categories['best-practices']?.score),
        seo: scoreOf(lhr.categories.seo?.score),
        failedAudits: failedAuditsOf(lhr),
        opportunities: opportunitiesOf(lhr),
      });
    }
  } finally {
    await chrome.kill();
  }
  return results;
}

function failedAuditsOf(lhr: LighthouseResult): string[] {
  const failed = new Set<string>();
  for (const key of ['accessibility', 'best-practices', 'seo'] as const) {
    for (const ref of lhr.categories[key]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failed.add(`${key}: ${ref.id}`);
    }
  }
  return [...failed];
}

function opportunitiesOf(lhr: LighthouseResult): LighthouseOpportunity[] {
  return Object.values(lhr.audits)
    .filter((audit) => audit.details?.type === 'opportunity' && audit.score !== null && audit.score < 1)
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      savingsMs: Math.round((audit.details as { overallSavingsMs?: number }).overallSavingsMs ?? 0),
      savingsBytes: Math.round((audit.details as { overallSavingsBytes?: number }).overallSavingsBytes ?? 0),
    }))
    .sort((a, b) => b.savingsMs - a.savingsMs || b.savingsBytes - a.savingsBytes);
}

/** The scores as a table, with what Lighthouse flagged under each page. */
export function printLighthouse(results: LighthouseScores[]): void {
  console.log('\nLighthouse (mobile profile)');
  console.table(
    results.map((r) => ({
      page: r.name,
      path: r.path,
      performance: r.performance,
      accessibility: r.accessibility,
      'best practices': r.bestPractices,
      seo: r.seo,
    })),
  );
  for (const r of results) {
    if (r.failedAudits.length > 0) console.log(`${r.name}: failed ${r.failedAudits.join(', ')}`);
    const top = r.opportunities
      .slice(0, 5)
      .map((o) => `${o.title} (${o.savingsMs} ms, ${Math.round(o.savingsBytes / 1024)} KiB)`);
    if (top.length > 0) console.log(`${r.name}: opportunities ${top.join('; ')}`);
  }
}
