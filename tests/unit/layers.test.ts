import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

/** Every module a file imports, resolved to a path from the repository root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
  return specifiers.flatMap((spec) => {
    if (spec.startsWith('@/')) return [spec.slice(2)];
    if (spec.startsWith('.')) return [path.relative(root, path.resolve(root, path.dirname(file), spec))];
    return [];
  });
}

// The layers run one way: app → lib → db. db/ holds the schema, the connection,
// migrations and the seed's data; anything that decides (the seed's code
// paths, the CLIs) lives in lib/, so db/ can be read on its own.
describe('layers', () => {
  it('db/ imports nothing from lib/ or app/', () => {
    const offending = sourceFiles('db').flatMap((file) => importsOf(file).filter((target) => /^(lib|app)\//.test(target)).map((target) => `${file} → ${target}`));
    expect(offending).toEqual([]);
  });

  it('lib/ imports nothing from app/', () => {
    const offending = sourceFiles('lib').flatMap((file) => importsOf(file).filter((target) => target.startsWith('app/')).map((target) => `${file} → ${target}`));
    expect(offending).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(importsOf('lib/init.ts')).toContain('db/client');
  });
});
