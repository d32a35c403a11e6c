import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { setUserRoleByEmail } from '@/lib/server/operations';
import { accounts, auditEvents, users, type User } from '@/db/schema';
import {
  banUser,
  changeUserRole,
  getUserForAdmin,
  listUsers,
  unbanUser,
  USERS_PAGE_SIZE,
} from '@/lib/server/users/admin-users';
import { listAuditEvents } from '@/lib/server/audit/audit';
import { getCellHead } from '@/lib/server/cells/cells';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from '@/lib/rules/errors';
import { proposeCellChange, withdrawProposal } from '@/lib/server/proposals/proposals';
import { approveProposal, rejectProposal, resolveCell } from '@/lib/server/proposals/review';
import { upsertUserFromAccount, type ProviderAccount } from '@/lib/server/users/users';
import { expectAppError, rejection } from '../support/assertions';
import { createCast, createUser, type Cast } from '../support/cast';
import { auditFor } from '../support/lookups';
import { countRows, createTempDatabase, type TempDatabase } from '../support/temp-db';

const REASON = 'Reviews carefully and cites sources.';

function userRows(db: TempDatabase) {
  return db.sqlite.prepare('SELECT * FROM users ORDER BY id').all();
}

/** `rejection` (no row added, no audit event) plus: no user row changed in any column. */
function refused(db: TempDatabase, run: () => unknown): unknown {
  const before = userRows(db);
  const error = rejection(db, run);
  expect(userRows(db)).toEqual(before);
  return error;
}

function fieldErrorsOf(error: unknown): Record<string, string[]> {
  return expectAppError(error, BadRequestError, 400).fieldErrors;
}

function userAudit(db: TempDatabase, user: User) {
  return db.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectType, 'user'), eq(auditEvents.objectId, String(user.id))))
    .orderBy(auditEvents.id)
    .all();
}

function fresh(db: TempDatabase, user: User): User {
  return db.db.select().from(users).where(eq(users.id, user.id)).get()!;
}

describe('listUsers', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    const limits = { limits: { maxPending: 1000, maxPerHour: 1000 }, db: db.db };
    const propose = (author: User, feature: string) => {
      const target = resolveCell('istio', '1.16.1', feature, db.db);
      const head = getCellHead(db.db, target.meshVersionId, target.featureId);
      return proposeCellChange(
        author,
        {
          mesh: 'istio',
          version: '1.16.1',
          feature,
          support: 'partial',
          sources: [{ url: 'https://istio.io/latest/docs/' }],
          rationale: 'The docs say so.',
          baseRevisionId: head?.id ?? null,
        },
        limits,
      ).id;
    };
    // alice: 2 pending, 1 approved, 1 rejected, 1 withdrawn; Bob: 1 pending; nobody else has any.
    propose(cast.alice, 'mtls');
    propose(cast.alice, 'circuit-breaking');
    approveProposal(cast.mo, { id: propose(cast.alice, 'rate-limiting') }, { db: db.db });
    rejectProposal(
      cast.mo,
      { id: propose(cast.alice, 'fault-injection'), reason: 'No source supports this' },
      { db: db.db },
    );
    withdrawProposal(cast.alice, { id: propose(cast.alice, 'delay-injection') }, { db: db.db });
    propose(cast.bob, 'mtls');
  });
  afterAll(() => db.cleanup());

  it('shows role, ban and reason, trust, sign-up date and each proposal record', () => {
    const list = listUsers(cast.ada, {}, db.db);
    expect(list).toMatchObject({ q: null, page: 1, total: 6, hasMore: false });
    const byName = Object.fromEntries(list.users.map((u) => [u.name, u]));
    expect(byName.alice).toEqual({
      id: cast.alice.id,
      name: 'alice',
      email: 'alice@example.org',
      role: 'contributor',
      banned: false,
      banReason: null,
      trusted: false,
      trustedReason: null,
      createdAt: cast.alice.createdAt,
      proposals: { pending: 2, approved: 1, rejected: 1, withdrawn: 1, changes_requested: 0 },
    });
    expect(byName.Bob!.proposals).toEqual({ pending: 1, approved: 0, rejected: 0, withdrawn: 0, changes_requested: 0 });
    expect(byName.ada!.proposals).toEqual({ pending: 0, approved: 0, rejected: 0, withdrawn: 0, changes_requested: 0 });
    expect(byName.bert).toMatchObject({ role: 'moderator', banned: true, banReason: 'abuse' });
    expect(byName.ada!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(getUserForAdmin(cast.ada, cast.alice.id, db.db)).toEqual(byName.alice);
  });

  it('searches names and emails ignoring case, with % and _ taken literally', () => {
    const names = (q: string) =>
      listUsers(cast.ada, { q }, db.db)
        .users.map((u) => u.name)
        .sort();
    expect(names('ALI')).toEqual(['alice']);
    expect(names('  bOb  ')).toEqual(['Bob']);
    expect(names('MIA@EXAMPLE')).toEqual(['mia']);
    expect(names('example.org')).toHaveLength(6);
    expect(names('%')).toEqual([]);
    expect(names('_')).toEqual([]);
    expect(names("' OR 1=1 --")).toEqual([]);
    expect(listUsers(cast.ada, { q: 'nobody-like-this' }, db.db)).toMatchObject({
      total: 0,
      users: [],
      hasMore: false,
    });
  });

  it('pages newest first without overlap', () => {
    const extra = USERS_PAGE_SIZE + 5;
    for (let i = 0; i < extra; i++) {
      createUser(db, {
        name: `person ${String(i).padStart(2, '0')}`,
        email: `person-${i}@example.net`,
        createdAt: `2030-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
      });
    }
    const first = listUsers(cast.ada, { q: 'Person', page: '1' }, db.db);
    const second = listUsers(cast.ada, { q: 'person', page: '2' }, db.db);
    expect(first).toMatchObject({ page: 1, total: extra, hasMore: true });
    expect(first.users).toHaveLength(USERS_PAGE_SIZE);
    expect(first.users[0]!.name).toBe(`person ${extra - 1}`);
    expect(second).toMatchObject({ page: 2, total: extra, hasMore: false });
    expect(second.users.map((u) => u.name)).toEqual(['person 04', 'person 03', 'person 02', 'person 01', 'person 00']);
    const all = listUsers(cast.ada, {}, db.db);
    expect(all.total).toBe(6 + extra);
    expect(all.users[0]!.name).toBe(`person ${extra - 1}`);
    expect(listUsers(cast.ada, { page: 3 }, db.db).users).toEqual([]);
  });

  it('names a bad query or page', () => {
    expect(fieldErrorsOf(rejection(db, () => listUsers(cast.ada, { q: 'x'.repeat(101) }, db.db))).q).toEqual([
      'q must be at most 100 characters',
    ]);
    for (const page of ['0', '-1', 'two', '1.5', 0]) {
      expect(Object.keys(fieldErrorsOf(rejection(db, () => listUsers(cast.ada, { page }, db.db))))).toEqual(['page']);
    }
  });

  it('is for admins only', () => {
    const bannedAdmin = createUser(db, { name: 'zed', role: 'admin', banned: true });
    expectAppError(
      rejection(db, () => listUsers(null, {}, db.db)),
      UnauthorizedError,
      401,
    );
    for (const actor of [cast.alice, cast.mo, bannedAdmin]) {
      expectAppError(
        rejection(db, () => listUsers(actor, {}, db.db)),
        ForbiddenError,
        403,
      );
      expectAppError(
        rejection(db, () => getUserForAdmin(actor, cast.alice.id, db.db)),
        ForbiddenError,
        403,
      );
    }
    expectAppError(
      rejection(db, () => getUserForAdmin(cast.ada, 999_999, db.db)),
      NotFoundError,
      404,
    );
  });
});

describe('changeUserRole, banUser, unbanUser', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeEach(() => {
    db = createTempDatabase({ seed: false });
    cast = createCast(db);
  });
  afterEach(() => db.cleanup());

  it('changes a role with an audit event in the same write', () => {
    const updated = changeUserRole(
      cast.ada,
      { userId: cast.alice.id, role: 'moderator', reason: `  ${REASON}  ` },
      { db: db.db },
    ).user;
    expect(updated).toMatchObject({ id: cast.alice.id, role: 'moderator', banned: false });
    expect(fresh(db, cast.alice).role).toBe('moderator');
    const [event, ...rest] = userAudit(db, cast.alice);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      actorId: cast.ada.id,
      action: 'user.role',
      objectType: 'user',
      objectId: String(cast.alice.id),
      details: { from: 'contributor', to: 'moderator', reason: REASON },
    });
    expect(
      listAuditEvents(cast.ada, { object: `user:${cast.alice.id}` }, db.db).events.map((e) => [e.action, e.actorName]),
    ).toEqual([['user.role', 'ada']]);
    // The form posts the id as text.
    changeUserRole(
      cast.ada,
      { userId: String(cast.alice.id), role: 'contributor', reason: 'Stepped back from reviewing.' },
      { db: db.db },
    );
    expect(fresh(db, cast.alice).role).toBe('contributor');
  });

  it('bans and unbans with the reason kept, each audited', () => {
    const banned = banUser(cast.ada, { userId: cast.mo.id, reason: 'Approved own sock puppets.' }, { db: db.db });
    expect(banned).toMatchObject({ banned: true, banReason: 'Approved own sock puppets.', role: 'moderator' });
    expect(getUserForAdmin(cast.ada, cast.mo.id, db.db)).toMatchObject({
      banned: true,
      banReason: 'Approved own sock puppets.',
    });
    const lifted = unbanUser(cast.ada, { userId: String(cast.mo.id), reason: 'Appeal accepted.' }, { db: db.db }).user;
    expect(lifted).toMatchObject({ banned: false, banReason: null, role: 'moderator' });
    expect(userAudit(db, cast.mo).map((e) => [e.actorId, e.action, e.details])).toEqual([
      [cast.ada.id, 'user.ban', { from: 'active', to: 'banned', reason: 'Approved own sock puppets.' }],
      [
        cast.ada.id,
        'user.unban',
        { from: 'banned', to: 'active', reason: 'Appeal accepted.', banReason: 'Approved own sock puppets.' },
      ],
    ]);
    // The audit log's object filter finds exactly this user's events, not those of user 1x.
    const others = Array.from({ length: 12 }, (_, i) => createUser(db, { name: `filler ${i}` }));
    banUser(cast.ada, { userId: others.at(-1)!.id, reason: 'Spam proposals.' }, { db: db.db });
    expect(
      listAuditEvents(cast.ada, { object: `user:${cast.mo.id}` }, db.db)
        .events.map((e) => e.action)
        .sort(),
    ).toEqual(['user.ban', 'user.unban']);
  });

  it('refuses a no-op: same role, ban of a banned user, unban of an active one', () => {
    expect(
      expectAppError(
        refused(db, () =>
          changeUserRole(cast.ada, { userId: cast.mo.id, role: 'moderator', reason: REASON }, { db: db.db }),
        ),
        ConflictError,
        409,
      ).message,
    ).toBe('mo is already a moderator.');
    expect(
      expectAppError(
        refused(db, () => banUser(cast.ada, { userId: cast.bert.id, reason: REASON }, { db: db.db })),
        ConflictError,
        409,
      ).message,
    ).toBe('bert is already banned.');
    expect(
      expectAppError(
        refused(db, () => unbanUser(cast.ada, { userId: cast.alice.id, reason: REASON }, { db: db.db })),
        ConflictError,
        409,
      ).message,
    ).toBe('alice is not banned.');
    expectAppError(
      refused(db, () => banUser(cast.ada, { userId: 999_999, reason: REASON }, { db: db.db })),
      NotFoundError,
      404,
    );
  });

  it('requires a reason of 3 to 500 characters, naming the field', () => {
    const cases: [unknown, string][] = [
      [undefined, 'reason is required: say why'],
      ['', 'reason is required: say why'],
      ['   ', 'reason is required: say why'],
      [null, 'reason is required: say why'],
      [42, 'reason is required: say why'],
      ['ok', 'reason must be at least 3 characters'],
      ['x'.repeat(501), 'reason must be at most 500 characters'],
    ];
    for (const [reason, message] of cases) {
      for (const run of [
        () => changeUserRole(cast.ada, { userId: cast.alice.id, role: 'moderator', reason }, { db: db.db }),
        () => banUser(cast.ada, { userId: cast.alice.id, reason }, { db: db.db }),
        () => unbanUser(cast.ada, { userId: cast.bert.id, reason }, { db: db.db }),
      ]) {
        expect(fieldErrorsOf(refused(db, run))).toEqual({ reason: [message] });
      }
    }
    expect(
      changeUserRole(cast.ada, { userId: cast.alice.id, role: 'moderator', reason: 'x'.repeat(500) }, { db: db.db })
        .user.role,
    ).toBe('moderator');
  });

  it('stores markup in a reason as plain text', () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"';
    banUser(cast.ada, { userId: cast.alice.id, reason: hostile }, { db: db.db });
    expect(fresh(db, cast.alice).banReason).toBe(hostile);
    expect(userAudit(db, cast.alice).at(-1)!.details).toEqual({ from: 'active', to: 'banned', reason: hostile });
  });

  it('refuses a wrong role, a bad user id or an unknown field, naming it and changing nothing', () => {
    for (const role of ['superuser', 'ADMIN', 'Moderator', '', null, undefined, 3, ['admin']]) {
      const errors = fieldErrorsOf(
        refused(db, () => changeUserRole(cast.ada, { userId: cast.alice.id, role, reason: REASON }, { db: db.db })),
      );
      expect(errors).toEqual({ role: ['role must be one of contributor, moderator, admin'] });
    }
    for (const userId of [
      'abc',
      '1; DROP TABLE users',
      '',
      ' ',
      '-1',
      '0',
      '1.5',
      '1e3',
      -1,
      0,
      1.5,
      null,
      undefined,
      '9'.repeat(40),
      { id: 1 },
    ]) {
      for (const run of [
        () => changeUserRole(cast.ada, { userId, role: 'moderator', reason: REASON }, { db: db.db }),
        () => banUser(cast.ada, { userId, reason: REASON }, { db: db.db }),
        () => unbanUser(cast.ada, { userId, reason: REASON }, { db: db.db }),
      ]) {
        expect(fieldErrorsOf(refused(db, run))).toEqual({ userId: ['userId must be the numeric id of a user'] });
      }
    }
    const extra = fieldErrorsOf(
      refused(db, () => banUser(cast.ada, { userId: cast.alice.id, reason: REASON, banned: false }, { db: db.db })),
    );
    expect(Object.keys(extra)).toEqual(['banned']);
    expect(Object.keys(fieldErrorsOf(refused(db, () => banUser(cast.ada, 'alice', { db: db.db }))))).toEqual(['form']);
  });

  it('turns away everyone but an un-banned admin, changing nothing', () => {
    const bannedAdmin = createUser(db, { name: 'zed', role: 'admin', banned: true, banReason: 'compromised' });
    const attempts = (actor: User | null) => [
      () => changeUserRole(actor, { userId: cast.alice.id, role: 'admin', reason: REASON }, { db: db.db }),
      () =>
        changeUserRole(
          actor,
          { userId: actor?.id ?? cast.alice.id, role: 'admin', reason: 'Promoting myself.' },
          { db: db.db },
        ),
      () => banUser(actor, { userId: cast.ada.id, reason: REASON }, { db: db.db }),
      () => unbanUser(actor, { userId: bannedAdmin.id, reason: 'Unbanning myself.' }, { db: db.db }),
      // Bad input from a non-admin still answers 401/403, never hints at what is valid.
      () => changeUserRole(actor, { userId: 'abc', role: 'god', reason: '' }, { db: db.db }),
    ];
    for (const run of attempts(null)) expectAppError(refused(db, run), UnauthorizedError, 401);
    for (const actor of [cast.alice, cast.mo, bannedAdmin, cast.bert]) {
      for (const run of attempts(actor)) expectAppError(refused(db, run), ForbiddenError, 403);
    }
  });

  it('reads the acting admin from the database, so a demoted admin cannot finish a change', () => {
    changeUserRole(cast.ada, { userId: cast.mia.id, role: 'admin', reason: REASON }, { db: db.db });
    const miaAsLoaded = fresh(db, cast.mia);
    changeUserRole(cast.ada, { userId: cast.mia.id, role: 'moderator', reason: 'Admin by mistake.' }, { db: db.db });
    expect(miaAsLoaded.role).toBe('admin');
    expectAppError(
      refused(db, () =>
        changeUserRole(miaAsLoaded, { userId: cast.ada.id, role: 'contributor', reason: REASON }, { db: db.db }),
      ),
      ForbiddenError,
      403,
    );
    expectAppError(
      refused(db, () => banUser(miaAsLoaded, { userId: cast.alice.id, reason: REASON }, { db: db.db })),
      ForbiddenError,
      403,
    );
  });
});

describe('the last-admin rule', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeEach(() => {
    db = createTempDatabase({ seed: false });
    cast = createCast(db);
  });
  afterEach(() => db.cleanup());

  const lastAdmin = /ada is the only admin who is not banned; make someone else an admin first/;

  it('refuses the sole admin demoting or banning themselves', () => {
    for (const role of ['moderator', 'contributor']) {
      const error = expectAppError(
        refused(db, () =>
          changeUserRole(cast.ada, { userId: cast.ada.id, role, reason: 'Stepping down.' }, { db: db.db }),
        ),
        ConflictError,
        409,
      );
      expect(error.message).toMatch(lastAdmin);
      expect(error.details).toEqual({ reason: 'last_admin' });
    }
    expect(
      expectAppError(
        refused(db, () => banUser(cast.ada, { userId: cast.ada.id, reason: 'Testing bans.' }, { db: db.db })),
        ConflictError,
        409,
      ).message,
    ).toMatch(lastAdmin);
  });

  it('does not count banned admins', () => {
    createUser(db, { name: 'zed', email: 'zed@example.org', role: 'admin', banned: true });
    expectAppError(
      refused(db, () =>
        changeUserRole(cast.ada, { userId: cast.ada.id, role: 'moderator', reason: 'Stepping down.' }, { db: db.db }),
      ),
      ConflictError,
      409,
    );
  });

  it('with two admins, one may demote the other but then not themselves', () => {
    changeUserRole(
      cast.ada,
      { userId: cast.mo.id, role: 'admin', reason: 'Second admin for holidays.' },
      { db: db.db },
    );
    const mo = fresh(db, cast.mo);
    changeUserRole(mo, { userId: cast.ada.id, role: 'moderator', reason: 'Ada asked to step down.' }, { db: db.db });
    expect(fresh(db, cast.ada).role).toBe('moderator');
    const error = expectAppError(
      refused(db, () => changeUserRole(mo, { userId: mo.id, role: 'contributor', reason: 'Leaving.' }, { db: db.db })),
      ConflictError,
      409,
    );
    expect(error.message).toMatch(/^mo is the only admin who is not banned/);
    expectAppError(
      refused(db, () => banUser(mo, { userId: mo.id, reason: 'Leaving.' }, { db: db.db })),
      ConflictError,
      409,
    );
    // Ada, now a moderator, is no longer an admin to ask.
    expectAppError(
      refused(db, () =>
        changeUserRole(fresh(db, cast.ada), { userId: mo.id, role: 'contributor', reason: 'Revenge.' }, { db: db.db }),
      ),
      ForbiddenError,
      403,
    );
  });

  it('lets an admin ban another admin while one remains, and unbanning restores the count', () => {
    changeUserRole(cast.ada, { userId: cast.mia.id, role: 'admin', reason: 'Second admin.' }, { db: db.db });
    banUser(cast.ada, { userId: cast.mia.id, reason: 'Account compromised.' }, { db: db.db });
    expectAppError(
      refused(db, () =>
        changeUserRole(cast.ada, { userId: cast.ada.id, role: 'moderator', reason: 'Stepping down.' }, { db: db.db }),
      ),
      ConflictError,
      409,
    );
    unbanUser(cast.ada, { userId: cast.mia.id, reason: 'Password reset done.' }, { db: db.db });
    changeUserRole(cast.ada, { userId: cast.ada.id, role: 'moderator', reason: 'Mia takes over.' }, { db: db.db });
    expect(
      db.db
        .select()
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.banned, false)))
        .all()
        .map((u) => u.name),
    ).toEqual(['mia']);
  });

  it('holds for the user:role CLI helper too', () => {
    expect(() => setUserRoleByEmail(db, 'ADA@example.org', 'contributor')).toThrow(ConflictError);
    const error = refused(db, () => setUserRoleByEmail(db, 'ada@example.org', 'moderator'));
    expect((error as AppError).message).toMatch(lastAdmin);
    expect(setUserRoleByEmail(db, 'mo@example.org', 'admin')).toEqual({
      id: cast.mo.id,
      from: 'moderator',
      to: 'admin',
    });
    expect(setUserRoleByEmail(db, 'ada@example.org', 'contributor')).toEqual({
      id: cast.ada.id,
      from: 'admin',
      to: 'contributor',
    });
    expect(() => setUserRoleByEmail(db, 'mo@example.org', 'contributor')).toThrow(
      /mo is the only admin who is not banned/,
    );
  });

  it('is reported by the CLI in one line with exit code 2', () => {
    // The CLI prepares the database it opens and seeds one never seeded (as the site's first start does), which
    // replays the servicemesh.es history and takes seconds; give it a seeded copy, as on a real install, so it only checks.
    const seeded = createTempDatabase();
    try {
      const seededCast = createCast(seeded);
      const tsx = path.resolve('node_modules/.bin/tsx');
      const result = spawnSync(
        tsx,
        ['--conditions=react-server', 'lib/cli/user-role.ts', 'ada@example.org', 'contributor'],
        {
          encoding: 'utf8',
          env: { ...process.env, DATABASE_PATH: seeded.path },
        },
      );
      const stderr = result.stderr.split('\n').filter((line) => line.trim() && !line.includes('npm warn'));
      expect(result.status).toBe(2);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(/^mesh-matrix: ada is the only admin who is not banned/);
      expect(fresh(seeded, seededCast.ada).role).toBe('admin');
    } finally {
      seeded.cleanup();
    }
  });
});

describe('upsertUserFromAccount', () => {
  let db: TempDatabase;

  const account = (overrides: Partial<ProviderAccount> = {}): ProviderAccount => ({
    provider: 'github',
    providerAccountId: '1001',
    type: 'oauth',
    email: 'Grace@Example.org',
    name: 'Grace',
    image: 'https://avatars.example.org/grace.png',
    ...overrides,
  });

  const accountsOf = (userId: number) => db.db.select().from(accounts).where(eq(accounts.userId, userId)).all();

  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('creates a user and its account on first sign-in and finds them again on the next', () => {
    const before = countRows(db);
    const created = upsertUserFromAccount(account(), [], db.db);
    expect(created).toMatchObject({ name: 'Grace', email: 'grace@example.org', role: 'contributor', banned: false });
    expect(accountsOf(created.id)).toMatchObject([{ provider: 'github', providerAccountId: '1001', type: 'oauth' }]);
    expect(auditFor(db, 'user', created.id).map((e) => e.action)).toEqual(['user.create']);
    const afterFirst = countRows(db);
    expect(afterFirst.users).toBe(before.users! + 1);
    expect(afterFirst.accounts).toBe(before.accounts! + 1);

    const again = upsertUserFromAccount(account({ name: 'Grace H.' }), [], db.db);
    expect(again.id).toBe(created.id);
    expect(again.name).toBe('Grace H.');
    expect(countRows(db)).toEqual(afterFirst);
  });

  it('keeps a role changed in the database on the next sign-in', () => {
    const user = upsertUserFromAccount(
      account({ providerAccountId: '1002', email: 'hopper@example.org', name: 'Hopper' }),
      [],
      db.db,
    );
    db.db.update(users).set({ role: 'moderator' }).where(eq(users.id, user.id)).run();
    expect(
      upsertUserFromAccount(account({ providerAccountId: '1002', email: 'hopper@example.org' }), [], db.db).role,
    ).toBe('moderator');
    db.db.update(users).set({ role: 'contributor' }).where(eq(users.id, user.id)).run();
    expect(
      upsertUserFromAccount(account({ providerAccountId: '1002', email: 'hopper@example.org' }), [], db.db).role,
    ).toBe('contributor');
  });

  it('promotes ADMIN_EMAILS to admin, case-insensitively, and audits it', () => {
    const fresh = upsertUserFromAccount(
      account({ providerAccountId: '2001', email: 'Root@Example.ORG' }),
      ['root@example.org'],
      db.db,
    );
    expect(fresh.role).toBe('admin');

    const existing = upsertUserFromAccount(
      account({ providerAccountId: '2002', email: 'Lin@Example.org', name: 'Lin' }),
      [],
      db.db,
    );
    expect(existing.role).toBe('contributor');
    const promoted = upsertUserFromAccount(
      account({ providerAccountId: '2002', email: 'LIN@example.org', name: 'Lin' }),
      ['lin@example.org'],
      db.db,
    );
    expect(promoted.id).toBe(existing.id);
    expect(promoted.role).toBe('admin');
    const roleEvents = auditFor(db, 'user', existing.id).filter((e) => e.action === 'user.role');
    expect(roleEvents).toHaveLength(1);
    expect(roleEvents[0]?.details).toMatchObject({ from: 'contributor', to: 'admin', reason: 'ADMIN_EMAILS' });

    upsertUserFromAccount(account({ providerAccountId: '2002', email: 'lin@example.org' }), ['lin@example.org'], db.db);
    expect(auditFor(db, 'user', existing.id).filter((e) => e.action === 'user.role')).toHaveLength(1);
  });

  it('does not make a second account admin because its provider claims an ADMIN_EMAILS address someone else holds', () => {
    const holder = upsertUserFromAccount(account({ providerAccountId: '3101', email: 'boss@example.org' }), [], db.db);
    const other = account({
      provider: 'oidc',
      providerAccountId: 'stranger',
      email: 'boss@example.org',
      name: 'Stranger',
    });
    const claimant = upsertUserFromAccount(other, ['boss@example.org'], db.db);
    expect(claimant.id).not.toBe(holder.id);
    expect(claimant.email).toBeNull();
    expect(claimant.role).toBe('contributor');
    expect(upsertUserFromAccount(other, ['boss@example.org'], db.db).role).toBe('contributor');
    expect(
      upsertUserFromAccount(
        account({ providerAccountId: '3101', email: 'boss@example.org' }),
        ['boss@example.org'],
        db.db,
      ).role,
    ).toBe('admin');
  });

  it('gives demo accounts their initial role only when they are created', () => {
    const demo = account({
      provider: 'demo',
      providerAccountId: 'mo',
      type: 'credentials',
      email: 'mo@demo.mesh-matrix.invalid',
      name: 'mo',
      image: null,
      initialRole: 'moderator',
    });
    const created = upsertUserFromAccount(demo, [], db.db);
    expect(created.role).toBe('moderator');
    db.db.update(users).set({ role: 'contributor' }).where(eq(users.id, created.id)).run();
    const again = upsertUserFromAccount(demo, [], db.db);
    expect(again.id).toBe(created.id);
    expect(again.role).toBe('contributor');
  });

  it('does not merge two providers that claim the same email', () => {
    const github = upsertUserFromAccount(
      account({ providerAccountId: '3001', email: 'shared@example.org', name: 'Shared' }),
      [],
      db.db,
    );
    const oidc = upsertUserFromAccount(
      account({ provider: 'oidc', providerAccountId: 'sub-3001', email: 'SHARED@example.org', name: 'Impostor' }),
      [],
      db.db,
    );
    expect(oidc.id).not.toBe(github.id);
    expect(oidc.email).toBeNull();
    expect(oidc.role).toBe('contributor');
    expect(github.email).toBe('shared@example.org');
    expect(accountsOf(github.id).map((a) => a.provider)).toEqual(['github']);
    expect(accountsOf(oidc.id).map((a) => a.provider)).toEqual(['oidc']);
    expect(
      upsertUserFromAccount(
        account({ provider: 'oidc', providerAccountId: 'sub-3001', email: 'shared@example.org' }),
        [],
        db.db,
      ).id,
    ).toBe(oidc.id);
  });
});
