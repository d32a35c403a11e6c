import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '@/lib/server/commands';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

// The pipeline's guarantees that a type cannot express: every command is listed, and nothing writes beside them.
describe('the write pipeline', () => {
  const lib = sourceFiles('lib');

  it('lists every command defined in lib/ in lib/server/commands.ts, each under its own name', () => {
    const defined = lib
      .flatMap((file) => [...read(file).matchAll(/export const (\w+) = defineCommand\(/g)].map((match) => match[1]!))
      .sort();
    expect(defined.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(commands).sort()).toEqual(defined);
    const names = Object.values(commands).map((command) => command.commandName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('opens transactions only in the pipeline (and in lib/server/init.ts, which migrates and seeds before the site opens)', () => {
    const offending = lib.filter(
      (file) => /\.transaction\(/.test(read(file)) && !['lib/server/command.ts', 'lib/server/init.ts'].includes(file),
    );
    expect(offending).toEqual([]);
  });

  it('writes audit events only through recordAuditEvent', () => {
    const offending = [...lib, ...sourceFiles('app')].filter(
      (file) => /insert\(auditEvents\)/.test(read(file)) && file !== 'lib/server/audit/audit.ts',
    );
    expect(offending).toEqual([]);
  });

  it('leaves app/ no way around the adapters: no command called directly, no database handle', () => {
    const names = Object.keys(commands);
    const offending = sourceFiles('app').flatMap((file) => {
      const text = read(file);
      const direct = names
        .filter((name) => new RegExp(`(?<![\\w.])${name}\\(`).test(text))
        .map((name) => `${file}: ${name}(`);
      const execute = /\.execute\(/.test(text) ? [`${file}: .execute(`] : [];
      const db = /from '@\/(db\/client|lib\/db)'/.test(text) ? [`${file}: database handle`] : [];
      return [...direct, ...execute, ...db];
    });
    expect(offending).toEqual([]);
  });
});
