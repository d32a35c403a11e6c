import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { listAuditEvents } from '@/lib/server/audit/audit';
import { createCast, type Cast } from '../support/cast';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

describe('listAuditEvents', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeEach(() => {
    db = createTempDatabase({ seed: false });
    cast = createCast(db);
  });
  afterEach(() => db.cleanup());

  it('filters the audit log by object prefix literally and by actor name ignoring case', () => {
    db.db
      .insert(auditEvents)
      .values([
        { actorId: cast.ada.id, action: 'release.create', objectType: 'release', objectId: 'istio@1_2' },
        { actorId: cast.ada.id, action: 'release.create', objectType: 'release', objectId: 'istio@132' },
      ])
      .run();
    expect(listAuditEvents(cast.ada, { object: 'release:istio@1_' }, db.db).events.map((e) => e.objectId)).toEqual([
      'istio@1_2',
    ]);
    expect(listAuditEvents(cast.ada, { object: 'release:istio@1' }, db.db).events).toHaveLength(2);
    expect(listAuditEvents(cast.ada, { user: 'ADA', object: 'release' }, db.db).events).toHaveLength(2);
  });
});
