import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/client';
import {
  DEFAULT_GENERATE_OPTIONS,
  generateLargeDatabase,
  GENERATE_LIMITS,
  verifyGeneratedDatabase,
  type GenerateOptions,
  type GenerateProgress,
} from './generate-large';
import { prepareDatabase } from '../../lib/server/init';
import { runCli } from '../../lib/cli/run';

export const DEFAULT_LARGE_DATABASE_PATH = './data/large.db';

const USAGE = `usage: npm run db:generate-large -- [--meshes 40] [--rows 300] [--releases 15] [--revisions 1000000] [--pending 2000] [--seed 42] [--out ${DEFAULT_LARGE_DATABASE_PATH}] [--force]`;

/** Bad input on the command line: printed as one line, exit code 2. */
export class FlagError extends Error {
  override name = 'FlagError';
}

export interface GenerateFlags {
  options: GenerateOptions;
  out: string;
  force: boolean;
  help: boolean;
}

const NUMERIC = Object.keys(GENERATE_LIMITS) as (keyof GenerateOptions)[];

export function parseGenerateFlags(argv: string[]): GenerateFlags {
  const options = { ...DEFAULT_GENERATE_OPTIONS };
  let out = DEFAULT_LARGE_DATABASE_PATH;
  let force = false;
  let help = false;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new FlagError(`unexpected argument "${arg}" (${USAGE})`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (seen.has(name)) throw new FlagError(`--${name} is given more than once`);
    seen.add(name);
    if (name === 'force' || name === 'help') {
      if (eq >= 0) throw new FlagError(`--${name} takes no value`);
      if (name === 'force') force = true;
      else help = true;
      continue;
    }
    if (name !== 'out' && !(NUMERIC as string[]).includes(name))
      throw new FlagError(`unknown flag --${name} (${USAGE})`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new FlagError(`--${name} needs a value`);
      i++;
    }
    if (name === 'out') {
      if (!value.trim()) throw new FlagError('--out must not be empty');
      if (value === ':memory:') throw new FlagError('--out must be a file path, not :memory:');
      out = value;
      continue;
    }
    const key = name as keyof GenerateOptions;
    const [min, max] = GENERATE_LIMITS[key];
    const number = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      throw new FlagError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
    }
    options[key] = number;
  }
  return { options, out, force, help };
}

/** Resolves --out, creating ./data only for the default path, and clears an old file when --force allows it. */
export function prepareOutPath(out: string, force: boolean): string {
  const resolved = path.resolve(out);
  const dir = path.dirname(resolved);
  if (resolved === path.resolve(DEFAULT_LARGE_DATABASE_PATH)) fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(dir)) throw new FlagError(`--out: directory ${dir} does not exist (create it first)`);
  if (!fs.statSync(dir).isDirectory()) throw new FlagError(`--out: ${dir} is not a directory`);
  if (fs.existsSync(resolved)) {
    if (fs.statSync(resolved).isDirectory()) throw new FlagError(`--out: ${resolved} is a directory`);
    if (!force) throw new FlagError(`--out: ${resolved} already exists; pass --force to replace it`);
  }
  if (force) removeDatabaseFiles(resolved);
  return resolved;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

const formatNumber = (n: number) => Math.round(n).toLocaleString('en-US');

function describeProgress(p: GenerateProgress): string {
  const at = `${(p.elapsedMs / 1000).toFixed(1)} s`;
  switch (p.phase) {
    case 'revisions':
      return `  revisions ${formatNumber(p.done)}/${formatNumber(p.total)} (${Math.round((100 * p.done) / p.total)}%), ${formatNumber(p.rate ?? 0)} rows/s, ${at}`;
    case 'pending':
      return `  ${formatNumber(p.total)} pending proposals, ${at}`;
    case 'heads':
      return `  ${formatNumber(p.total)} cell heads, ${at}`;
    default:
      return `  ${p.phase}: ${p.message ?? 'done'}, ${at}`;
  }
}

export function main(argv: string[]): void {
  let flags: GenerateFlags;
  let file: string;
  try {
    flags = parseGenerateFlags(argv);
    if (flags.help) {
      console.log(USAGE);
      return;
    }
    file = prepareOutPath(flags.out, flags.force);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    console.error(`mesh-matrix: ${error.message}`);
    process.exit(2);
  }

  runCli(() => {
    const { options } = flags;
    console.log(
      `mesh-matrix: generating ${file} (meshes ${options.meshes}, rows ${options.rows}, releases ${options.releases}, revisions ${options.revisions}, pending ${options.pending}, seed ${options.seed})`,
    );
    const conn = openDatabase(file);
    let result;
    try {
      prepareDatabase(conn, { seed: false });
      result = generateLargeDatabase(conn, options, (p) => console.log(describeProgress(p)));
    } catch (error) {
      conn.sqlite.close();
      // A half-written file would only block the next run behind --force.
      removeDatabaseFiles(file);
      throw error;
    }

    const checkStarted = performance.now();
    const verify = verifyGeneratedDatabase(conn.sqlite);
    conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    conn.sqlite.close();
    console.log(
      `  foreign_key_check: ${verify.foreignKeyProblems.length === 0 ? 'ok' : `${verify.foreignKeyProblems.length} problems, e.g. ${JSON.stringify(verify.foreignKeyProblems.slice(0, 3))}`}`,
    );
    console.log(`  integrity_check: ${verify.integrity.slice(0, 5).join('; ')}`);
    console.log(
      `  cell invariants: ${verify.invariantProblems.length === 0 ? 'ok' : verify.invariantProblems.join('; ')}`,
    );
    console.log(`  checks took ${((performance.now() - checkStarted) / 1000).toFixed(1)} s`);

    const c = result.counts;
    const k = c.revisionsByKind;
    const size = fs.statSync(file).size;
    console.log(
      [
        `mesh-matrix: ${verify.ok ? 'generated' : 'generated with problems'} ${file} in ${(result.elapsedMs / 1000).toFixed(1)} s (${(size / 1024 / 1024).toFixed(0)} MB)`,
        `  ${c.meshes} meshes (${c.archivedMeshes} archived, ${c.meshAliases} former names), ${c.releases} releases`,
        `  ${c.categories} categories, ${c.features} rows (${c.textFeatures} text, ${c.retiredFeatures} retired)`,
        `  ${formatNumber(c.users)} users, ${formatNumber(c.accounts)} accounts`,
        `  ${formatNumber(c.revisions)} revisions in ${formatNumber(c.cells)} cells (seed ${formatNumber(k.seed)}, carry_forward ${formatNumber(k.carry_forward)}, proposal ${formatNumber(k.proposal)}, revert ${formatNumber(k.revert)}), ${formatNumber(c.cellHeads)} cell heads`,
        `  proposals: ${formatNumber(c.proposals.approved)} approved, ${formatNumber(c.proposals.rejected)} rejected, ${formatNumber(c.proposals.pending)} pending; ${formatNumber(c.auditEvents)} audit events`,
      ].join('\n'),
    );
    if (!verify.ok) {
      console.error(`mesh-matrix: ${file} failed its checks (kept for inspection)`);
      process.exit(1);
    }
  });
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(path.resolve(file));
  } catch {
    return file;
  }
}

// Importable (tests use parseGenerateFlags); runs only as the script itself.
if (process.argv[1] && realpath(process.argv[1]) === realpath(fileURLToPath(import.meta.url)))
  main(process.argv.slice(2));
