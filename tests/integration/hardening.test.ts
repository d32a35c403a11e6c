import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formStateFromError } from '@/lib/next/form-state';
import { BadRequestError, NotFoundError } from '@/lib/rules/errors';
import { errorResponse, parseSearchParams } from '@/lib/next/http';
import { proposeCellChange, withdrawProposal, type ProposalLimits } from '@/lib/server/proposals/proposals';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/server/releases/releases';
import { approveProposal, rejectProposal, resolveCell, revertCell } from '@/lib/server/proposals/review';
import { getCellHead } from '@/lib/server/cells/cells';
import { matrixQuerySchema, parseInput, parseRecordId } from '@/lib/rules/validation';
import { expectAppError, rejection } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

const roomyLimits: ProposalLimits = { maxPending: 1000, maxPerHour: 1000 };

let db: TempDatabase;
let cast: Cast;
let pendingId: number;
let baseRevisionId: number;

beforeAll(() => {
  db = createTempDatabase();
  cast = createCast(db);
  const target = resolveCell('istio', '1.16.1', 'mtls', db.db);
  baseRevisionId = getCellHead(db.db, target.meshVersionId, target.featureId)!.id;
  pendingId = proposeCellChange(
    cast.alice,
    { mesh: 'istio', version: '1.16.1', feature: 'mtls', support: 'partial', sources: [{ url: 'https://istio.io/' }], rationale: 'see the docs', baseRevisionId },
    { db: db.db, limits: roomyLimits },
  ).id;
});
afterAll(() => db.cleanup());

describe('record ids', () => {
  it('accepts positive whole numbers, as numbers or digits', () => {
    expect(parseRecordId(7)).toBe(7);
    expect(parseRecordId('42')).toBe(42);
  });

  it.each([['abc'], [''], ['0'], [0], [-3], ['-3'], [1.5], ['1.5'], ['1e3'], [Number.NaN], [null], [undefined], [[1]], ['9999999999999']])(
    'refuses %j with a 400 naming the field',
    (raw) => {
      const error = expectAppError((() => {
        try {
          parseRecordId(raw, 'proposalId');
        } catch (caught) {
          return caught;
        }
      })(), BadRequestError, 400);
      expect(error.fieldErrors).toEqual({ proposalId: ['proposalId must be a positive whole number'] });
    },
  );

  it('route segments use the same rule', () => {
    expect(parseRecordId('12')).toBe(12);
    expect(() => parseRecordId('12abc')).toThrow(BadRequestError);
  });

  // Server actions hand lib the raw form value; these used to look up proposal NaN and answer "There is no proposal NaN".
  it.each([
    ['approve', () => approveProposal(cast.mo, { id: 'abc' }, { db: db.db })],
    ['approve', () => approveProposal(cast.mo, { id: Number.NaN }, { db: db.db })],
    ['reject', () => rejectProposal(cast.mo, { id: '', reason: 'not sourced' }, { db: db.db })],
    ['withdraw', () => withdrawProposal(cast.alice, { id: '1; DROP TABLE proposals' }, { db: db.db })],
  ])('%s with a malformed proposal id is a 400 naming id and changes nothing', (_name, run) => {
    const error = expectAppError(rejection(db, run), BadRequestError, 400);
    expect(Object.keys(error.fieldErrors)).toEqual(['id']);
  });

  it('a well-formed id of no proposal is still a 404', () => {
    expectAppError(rejection(db, () => approveProposal(cast.mo, { id: '999999' }, { db: db.db })), NotFoundError, 404);
  });

  it('the signed-out answer comes before the id check', () => {
    expect(rejection(db, () => withdrawProposal(null, { id: 'abc' }, { db: db.db }))).toMatchObject({ status: 401 });
  });
});

describe('unknown fields are refused by name', () => {
  const valid = () => ({ mesh: 'istio', version: '1.16.1', feature: 'mtls', support: 'no', sources: [{ url: 'https://istio.io/' }], rationale: 'x', baseRevisionId });
  it.each([
    ['a proposal', () => proposeCellChange(cast.alice, { ...valid(), status: 'approved' }, { db: db.db, limits: roomyLimits }), 'status'],
    ['a proposal source', () => proposeCellChange(cast.alice, { ...valid(), sources: [{ url: 'https://istio.io/', rel: 'x' }] }, { db: db.db, limits: roomyLimits }), 'sources.0.rel'],
    ['an approval', () => approveProposal(cast.mo, { id: pendingId, comment: 'ok', approverId: 1 }, { db: db.db }), 'approverId'],
    ['a rejection', () => rejectProposal(cast.mo, { id: pendingId, reason: 'not sourced', status: 'approved' }, { db: db.db }), 'status'],
    ['a revert', () => revertCell(cast.mo, { mesh: 'istio', version: '1.16.1', feature: 'mtls', revisionId: baseRevisionId, reason: 'back', kind: 'seed' }, { db: db.db }), 'kind'],
    ['a new release', () => addRelease(cast.mo, { mesh: 'istio', label: '9.9', createdById: 1 }, { db: db.db }), 'createdById'],
    ['a release update', () => updateRelease(cast.mo, { mesh: 'istio', version: '1.16.1', releasedOn: null, meshId: 2 }, { db: db.db }), 'meshId'],
    ['a mesh status', () => setMeshStatus(cast.mo, { mesh: 'istio', status: 'archived', reason: 'gone', sourceUrl: 'https://example.com/gone', name: 'x' }, { db: db.db }), 'name'],
  ])('%s', (_name, run, field) => {
    const error = expectAppError(rejection(db, run), BadRequestError, 400);
    expect(error.fieldErrors).toEqual({ [field]: [`${field} is not a field this accepts`] });
    expect(error.message).toBe(`${field} is not a field this accepts`);
  });

  // These once reached Object.prototype through the error map and turned a 400 into a 500.
  it.each([['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty']])('a field called %s is named like any other', (key) => {
    const input = JSON.parse(`{"reason": "not sourced", ${JSON.stringify(key)}: {"role": "admin"}}`);
    const error = expectAppError(rejection(db, () => rejectProposal(cast.mo, { id: pendingId, ...input }, { db: db.db })), BadRequestError, 400);
    expect(Object.keys(error.fieldErrors)).toEqual([key]);
    expect(JSON.parse(JSON.stringify(error.fieldErrors))[key]).toEqual([`${key} is not a field this accepts`]);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('a query parameter called __proto__ or constructor is named, not dropped or crashed on', () => {
    for (const key of ['__proto__', 'constructor']) {
      const error = expectAppError((() => {
        try {
          parseSearchParams(matrixQuerySchema, new URLSearchParams(`${key}=x`));
        } catch (caught) {
          return caught;
        }
      })(), BadRequestError, 400);
      expect(Object.keys(error.fieldErrors)).toEqual([key]);
    }
  });

  it('the matrix query names an unknown parameter', () => {
    const error = expectAppError((() => {
      try {
        parseInput(matrixQuerySchema, { meshes: 'istio', mesh: 'linkerd' });
      } catch (caught) {
        return caught;
      }
    })(), BadRequestError, 400);
    expect(error.fieldErrors).toEqual({ mesh: ['mesh is not a field this accepts'] });
  });
});

describe('unexpected errors', () => {
  const lines: string[] = [];
  beforeAll(() => {
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
  });
  afterEach(() => void (lines.length = 0));
  afterAll(() => vi.restoreAllMocks());

  it('a route handler answers 500 with a request id and no details, and logs one JSON line with the stack', async () => {
    const failure = new Error('SqliteError: no such table: proposals');
    const response = errorResponse(failure, new Request('http://localhost/api/v1/proposals?mine=1', { method: 'POST' }));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({ error: `Something went wrong on our side. Reference: ${body.requestId}`, code: 'internal', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(response.headers.get('x-request-id')).toBe(body.requestId);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0]!);
    expect(logged).toMatchObject({
      level: 'error',
      event: 'unhandled_error',
      requestId: body.requestId,
      path: '/api/v1/proposals?mine=1',
      method: 'POST',
      routeType: 'route',
      message: failure.message,
    });
    expect(logged.stack).toContain('hardening.test.ts');
  });

  it('two failures get two ids', async () => {
    const ids = await Promise.all(
      [1, 2].map(async () => (await errorResponse(new Error('x'), new Request('http://localhost/api/v1/matrix')).json()).requestId),
    );
    expect(new Set(ids).size).toBe(2);
  });

  it('a domain error keeps its status and gains its code, and is not logged', async () => {
    const response = errorResponse(new BadRequestError('reason is required', { reason: ['reason is required'] }), new Request('http://localhost/x'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'reason is required', code: 'bad_request', fieldErrors: { reason: ['reason is required'] } });
    expect(lines).toEqual([]);
  });

  it('a form action rethrows what it cannot explain, so the error page and onRequestError take it', () => {
    const failure = new TypeError('boom');
    expect(() => formStateFromError(failure, {})).toThrow(failure);
    expect(formStateFromError(new NotFoundError('There is no mesh "x".'), { a: 1 })).toMatchObject({ message: 'There is no mesh "x".', values: { a: 1 } });
    expect(lines).toEqual([]);
  });
});
