import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRevision } from '@/lib/server/cells/cells';
import { getMatrix, headValues } from '@/lib/server/matrix/matrix';
import { getReleaseDiff } from '@/lib/server/matrix/meshes';
import { addRelease } from '@/lib/server/releases/releases';
import { createCast, type Cast } from '@/tests/support/cast';
import { featureId, ISTIO_NEWEST, LINKERD_NEWEST, SOURCE, versionOf } from '@/tests/support/lookups';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';

/*
 * The pages' read models keep whole releases' values between reads (headValues with `reuse`) and read again only the
 * releases whose token moved. Each test here would fail if a kept release could outlive a change to it.
 */
describe('kept release values', () => {
  let db: TempDatabase;
  let cast: Cast;
  let istio: number;
  let linkerd: number;
  let mtls: number;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    istio = versionOf(db, 'istio', ISTIO_NEWEST).id;
    linkerd = versionOf(db, 'linkerd', LINKERD_NEWEST).id;
    mtls = featureId(db, 'mtls');
  });
  afterAll(() => db.cleanup());

  const write = (versionId: number, note: string) =>
    appendRevision(db.db, {
      meshVersionId: versionId,
      featureId: mtls,
      support: 'partial',
      text: null,
      note,
      sources: [SOURCE],
      kind: 'seed',
      createdAt: new Date().toISOString(),
    });

  it('reads a release once while nothing in it changes, and the kept values cannot be changed', () => {
    const first = headValues(db.db, [istio, linkerd], { reuse: true });
    const second = headValues(db.db, [istio, linkerd], { reuse: true });
    expect(second.get(istio)).toBe(first.get(istio));
    expect(second.get(linkerd)).toBe(first.get(linkerd));
    const value = second.get(istio)!.get(mtls)!;
    expect(() => {
      (value as { note: string | null }).note = 'changed in place';
    }).toThrow(TypeError);
    expect(() => (value.sources as unknown[]).push(SOURCE)).toThrow(TypeError);
    // Without reuse (the exports) every read is its own.
    expect(headValues(db.db, [istio]).get(istio)).not.toBe(first.get(istio));
  });

  it('reads again only the release a new revision went to, and shows it', () => {
    const before = headValues(db.db, [istio, linkerd], { reuse: true });
    const revision = write(istio, 'kept values: new head');
    const after = headValues(db.db, [istio, linkerd], { reuse: true });
    expect(after.get(istio)).not.toBe(before.get(istio));
    expect(after.get(istio)!.get(mtls)!.revisionId).toBe(revision.id);
    expect(after.get(linkerd)).toBe(before.get(linkerd));
    // Only the moved cell was read again: every other value of the release is the kept object itself.
    const others = [...before.get(istio)!.keys()].filter((id) => id !== mtls);
    expect(others.length).toBeGreaterThan(10);
    expect(others.every((id) => after.get(istio)!.get(id) === before.get(istio)!.get(id))).toBe(true);
    expect(after.get(istio)).toEqual(headValues(db.db, [istio]).get(istio));
    expect(getMatrix({}, db.db).cells.istio?.mtls?.note).toBe('kept values: new head');
    expect(
      getReleaseDiff('istio', undefined, undefined, db.db)
        .categories.flatMap((c) => c.rows)
        .find((r) => r.feature.id === mtls)?.to?.note,
    ).toBe('kept values: new head');
  });

  it('keeps nothing read inside a transaction, so a rolled-back write is never shown', () => {
    headValues(db.db, [istio], { reuse: true });
    expect(() =>
      db.db.transaction((tx) => {
        const revision = appendRevision(tx, {
          meshVersionId: istio,
          featureId: mtls,
          support: 'no',
          text: null,
          note: 'rolled back',
          sources: [SOURCE],
          kind: 'seed',
          createdAt: new Date().toISOString(),
        });
        // Through the transaction and through the connection's own handle (as a helper reading getDb() would).
        expect(headValues(tx, [istio], { reuse: true }).get(istio)!.get(mtls)!.revisionId).toBe(revision.id);
        expect(headValues(db.db, [istio], { reuse: true }).get(istio)!.get(mtls)!.revisionId).toBe(revision.id);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    // The rolled-back id is handed out again: a value kept under it would now be shown for the wrong revision.
    const again = write(istio, 'after the rollback');
    expect(headValues(db.db, [istio], { reuse: true }).get(istio)!.get(mtls)!.note).toBe('after the rollback');
    expect(again.note).toBe('after the rollback');
  });

  it('reads a release again when its mesh gains a newer release, which can make its values stale', () => {
    const before = headValues(db.db, [linkerd], { reuse: true });
    addRelease(cast.mo, { mesh: 'linkerd', label: '2.14.0' }, { db: db.db });
    const after = headValues(db.db, [linkerd], { reuse: true });
    expect(after.get(linkerd)).not.toBe(before.get(linkerd));
    expect(after.get(linkerd)!.get(mtls)).toEqual(headValues(db.db, [linkerd]).get(linkerd)!.get(mtls));
  });
});
