/**
 * What the hostile-input sweep (tests/e2e/hostile-input.spec.ts) found in the
 * admin structure forms, proved at the lib level: a tampered status was read
 * as "restore", and a tampered slug of any length was echoed into the error
 * message that a button form carries back in its redirect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError } from '@/lib/rules/errors';
import { addRelease, setMeshStatus } from '@/lib/server/releases/releases';
import {
  getStructure,
  moveCategory,
  moveFeature,
  moveFeatureToCategory,
  renameCategory,
  renameMesh,
  setCategoryStatus,
  setFeatureStatus,
  updateFeature,
} from '@/lib/server/structure/structure';
import { expectAppError, rejection } from '@/tests/support/assertions';
import { createCast, type Cast } from '@/tests/support/cast';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';

const script = '<script>alert(document.domain)</script>';

/** Category, row and mesh rows as stored, so a refused change is shown to have touched none of them. */
function structureRows(db: TempDatabase) {
  const all = (query: string) => db.sqlite.prepare(query).all();
  return {
    categories: all('SELECT * FROM categories ORDER BY id'),
    features: all('SELECT * FROM features ORDER BY id'),
    meshes: all('SELECT * FROM meshes ORDER BY id'),
  };
}

function expectRefusedField(db: TempDatabase, run: () => unknown, field: string, message: string): BadRequestError {
  const before = structureRows(db);
  const error = expectAppError(rejection(db, run), BadRequestError, 400);
  expect(structureRows(db)).toEqual(before);
  expect(Object.keys(error.fieldErrors)).toEqual([field]);
  expect(error.fieldErrors[field]![0]).toBe(`${field} ${message}`);
  return error;
}

const statusOf = (db: TempDatabase, table: 'categories' | 'features', slug: string) =>
  (db.sqlite.prepare(`SELECT status FROM ${table} WHERE slug = ?`).get(slug) as { status: string }).status;

describe('status forms of categories and rows', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('refuses a status that is neither active nor retired, by name, even on a retired category it would have restored', () => {
    setCategoryStatus(cast.ada, { category: 'security', status: 'retired' }, { db: db.db });
    for (const status of [script, 'deleted', '', undefined, 'ACTIVE', ['active']]) {
      expectRefusedField(
        db,
        () => setCategoryStatus(cast.ada, { category: 'security', status }, { db: db.db }),
        'status',
        'must be active or retired',
      );
    }
    expect(statusOf(db, 'categories', 'security')).toBe('retired');
    expectAppError(
      rejection(db, () =>
        setCategoryStatus(cast.ada, { category: 'security', status: 'active', hidden: '1' }, { db: db.db }),
      ),
      BadRequestError,
      400,
    );

    expect(setCategoryStatus(cast.ada, { category: 'security', status: 'active' }, { db: db.db }).category.status).toBe(
      'active',
    );
    expect(
      setCategoryStatus(cast.ada, { category: 'security', status: 'retired' }, { db: db.db }).category.status,
    ).toBe('retired');
    expect(setCategoryStatus(cast.ada, { category: 'security', status: 'active' }, { db: db.db }).category.status).toBe(
      'active',
    );
  });

  it('refuses a status that is neither active nor retired, by name, even on a retired row it would have restored', () => {
    setFeatureStatus(cast.ada, { feature: 'mtls', status: 'retired' }, { db: db.db });
    for (const status of [script, 'deleted', '', undefined]) {
      expectRefusedField(
        db,
        () => setFeatureStatus(cast.ada, { feature: 'mtls', status }, { db: db.db }),
        'status',
        'must be active or retired',
      );
    }
    expect(statusOf(db, 'features', 'mtls')).toBe('retired');
    expect(setFeatureStatus(cast.ada, { feature: 'mtls', status: 'active' }, { db: db.db }).feature.status).toBe(
      'active',
    );
  });

  it('still checks the role before reading the form', () => {
    expect(() => setCategoryStatus(cast.alice, { category: 'security', status: script }, { db: db.db })).toThrow(
      'Only admins can do this.',
    );
    expect(() => setFeatureStatus(null, { feature: 'mtls', status: script }, { db: db.db })).toThrow(
      'Sign in as an admin.',
    );
  });
});

describe('slugs naming the category, row or mesh a form changes', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  const huge = 'x'.repeat(20_000);
  const operations: [string, string, (slug: string) => unknown][] = [
    [
      'renameCategory',
      'category',
      (slug) => renameCategory(cast.ada, { category: slug, name: 'Safety' }, { db: db.db }),
    ],
    [
      'moveCategory',
      'category',
      (slug) => moveCategory(cast.ada, { category: slug, direction: 'down' }, { db: db.db }),
    ],
    [
      'setCategoryStatus',
      'category',
      (slug) => setCategoryStatus(cast.ada, { category: slug, status: 'retired' }, { db: db.db }),
    ],
    [
      'updateFeature',
      'feature',
      (slug) =>
        updateFeature(
          cast.ada,
          { feature: slug, name: 'Mutual TLS (sweep)', definition: 'x', referenceUrl: '' },
          { db: db.db },
        ),
    ],
    ['moveFeature', 'feature', (slug) => moveFeature(cast.ada, { feature: slug, direction: 'down' }, { db: db.db })],
    [
      'moveFeatureToCategory',
      'feature',
      (slug) => moveFeatureToCategory(cast.ada, { feature: slug, category: 'general' }, { db: db.db }),
    ],
    [
      'setFeatureStatus',
      'feature',
      (slug) => setFeatureStatus(cast.ada, { feature: slug, status: 'retired' }, { db: db.db }),
    ],
    ['renameMesh', 'mesh', (slug) => renameMesh(cast.ada, { mesh: slug, name: 'Renamed' }, { db: db.db })],
    [
      'setMeshStatus',
      'mesh',
      (slug) =>
        setMeshStatus(
          cast.ada,
          { mesh: slug, status: 'archived', reason: 'sweep', sourceUrl: 'https://example.com/sweep' },
          { db: db.db },
        ),
    ],
    ['addRelease', 'mesh', (slug) => addRelease(cast.mo, { mesh: slug, label: '99.0' }, { db: db.db })],
  ];

  for (const [name, field, run] of operations) {
    it(`${name}: an over-long or malformed ${field} is refused by name with a short message; an unknown one is still "There is no"`, () => {
      const tooLong = expectRefusedField(db, () => run(huge), field, 'must be at most 80 characters');
      expect(tooLong.message.length).toBeLessThan(100);
      const markup = expectRefusedField(
        db,
        () => run(script),
        field,
        'must be lowercase letters, digits and single hyphens',
      );
      expect(markup.message).not.toContain('<script>');
      expectRefusedField(db, () => run(''), field, 'must not be empty');
      const unknown = expectAppError(
        rejection(db, () => run('nosuchthing')),
        NotFoundError,
        404,
      );
      expect(unknown.message).toContain('"nosuchthing"');
    });
  }

  it('well-formed slugs still work, padded ones too', () => {
    expect(renameCategory(cast.ada, { category: ' security ', name: 'Safety' }, { db: db.db }).category.name).toBe(
      'Safety',
    );
    expect(getStructure(cast.ada, db.db).categories.find((c) => c.slug === 'security')?.name).toBe('Safety');
  });
});
