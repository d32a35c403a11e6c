import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, categories } from '@/db/schema';
import { getConnection } from '@/lib/server/db';
import { BadRequestError } from '@/lib/rules/errors';
import { COMMAND_LINE } from '@/lib/rules/permissions';
import { addCategory } from '@/lib/server/structure/structure';
import { importHistory } from '@/lib/server/import/import-history';
import { createCast, type Cast } from '../support/cast';
import { createTempDatabase, snapshotContents, type TempDatabase } from '../support/temp-db';

let temp: TempDatabase;
let cast: Cast;
const previousPath = process.env.DATABASE_PATH;

beforeAll(() => {
  temp = createTempDatabase();
  cast = createCast(temp);
  process.env.DATABASE_PATH = temp.path;
});
afterAll(() => {
  getConnection().sqlite.close();
  if (previousPath === undefined) delete process.env.DATABASE_PATH;
  else process.env.DATABASE_PATH = previousPath;
  temp.cleanup();
});

const queryOnly = () => getConnection().sqlite.pragma('query_only', { simple: true });

// The site's own connection (lib/server/db.ts), the one pages, actions and route handlers use.
describe('the site connection', () => {
  it('refuses a write that bypasses the pipeline', () => {
    const { db } = getConnection();
    expect(() =>
      db.insert(auditEvents).values({ actorId: null, action: 'sneaky', objectType: 'x', objectId: '1' }).run(),
    ).toThrow(/readonly/);
    expect(() => db.update(categories).set({ name: 'Renamed' }).run()).toThrow(/readonly/);
    expect(queryOnly()).toBe(1);
  });

  it('lets a command write, with its audit event, and is read-only again afterwards', () => {
    const category = addCategory(cast.ada, { name: 'Pipeline check' });
    const { db } = getConnection();
    expect(
      db
        .select()
        .from(categories)
        .all()
        .map((c) => c.slug),
    ).toContain(category.slug);
    expect(
      db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.action === 'category.create' && e.objectId === category.slug),
    ).toHaveLength(1);
    expect(queryOnly()).toBe(1);
  });

  it('is read-only again after a command fails, having written nothing', () => {
    const before = snapshotContents(temp);
    expect(() => addCategory(cast.ada, { name: '' })).toThrow(BadRequestError);
    expect(() => addCategory(cast.ada, { name: 'Pipeline check' })).toThrow(/already used by the category/);
    expect(snapshotContents(temp)).toEqual(before);
    expect(queryOnly()).toBe(1);
  });

  it('rehearses a dry run inside the read-only connection and keeps nothing of it', () => {
    const before = snapshotContents(temp);
    const table = '| Feature | Istio 1.99 |\n| --- | --- |\n| mTLS | yes |\n';
    const report = importHistory(COMMAND_LINE, {
      versions: [
        { file: 'pipeline.md', url: 'https://example.org/pipeline/1', committedAt: '2024-01-01T00:00:00Z', table },
      ],
      dryRun: true,
    });
    expect(report.dryRun).toBe(true);
    expect(report.versions[0]?.status).not.toBe('problems');
    expect(snapshotContents(temp)).toEqual(before);
    expect(queryOnly()).toBe(1);
  });
});
