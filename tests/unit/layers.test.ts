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
    const offending = sourceFiles('db').flatMap((file) =>
      importsOf(file)
        .filter((target) => /^(lib|app)\//.test(target))
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('lib/ imports nothing from app/', () => {
    const offending = sourceFiles('lib').flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('app/'))
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  // Inside lib/: rules (pure: no database, no Next) ← server (read models and commands) ← next and cli (adapters).
  const importsFrom = (dir: string, forbidden: RegExp) =>
    sourceFiles(dir).flatMap((file) =>
      importsOf(file)
        .filter((target) => forbidden.test(target))
        .map((target) => `${file} → ${target}`),
    );

  it('lib/rules/ imports nothing from the database client, the server layer, the adapters or Next', () => {
    expect(importsFrom('lib/rules', /^(db\/client|lib\/(server|next|cli)\/)/)).toEqual([]);
    const frameworks = sourceFiles('lib/rules').filter((file) =>
      /from '(next|next\/[^']*|react|drizzle-orm[^']*|better-sqlite3|server-only)'/.test(
        fs.readFileSync(path.join(root, file), 'utf8'),
      ),
    );
    expect(frameworks).toEqual([]);
  });

  it('lib/server/ imports nothing from the adapters or Next', () => {
    expect(importsFrom('lib/server', /^lib\/(next|cli)\//)).toEqual([]);
    const next = sourceFiles('lib/server').filter((file) =>
      /from '(next|next\/[^']*|react)'/.test(fs.readFileSync(path.join(root, file), 'utf8')),
    );
    expect(next).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(importsOf('lib/server/init.ts')).toContain('db/client');
  });
});
