import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formStateFromError } from '@/lib/next/form-state';
import { BadRequestError, NotFoundError } from '@/lib/rules/errors';
import { errorResponse } from '@/lib/next/http';
import { parseRecordId } from '@/lib/rules/validation';
import { expectAppError } from '../support/assertions';

describe('record ids', () => {
  it('accepts positive whole numbers, as numbers or digits', () => {
    expect(parseRecordId(7)).toBe(7);
    expect(parseRecordId('42')).toBe(42);
  });

  it.each([
    ['abc'],
    [''],
    ['0'],
    [0],
    [-3],
    ['-3'],
    [1.5],
    ['1.5'],
    ['1e3'],
    [Number.NaN],
    [null],
    [undefined],
    [[1]],
    ['9999999999999'],
  ])('refuses %j with a 400 naming the field', (raw) => {
    const error = expectAppError(
      (() => {
        try {
          parseRecordId(raw, 'proposalId');
        } catch (caught) {
          return caught;
        }
      })(),
      BadRequestError,
      400,
    );
    expect(error.fieldErrors).toEqual({ proposalId: ['proposalId must be a positive whole number'] });
  });

  it('route segments use the same rule', () => {
    expect(parseRecordId('12')).toBe(12);
    expect(() => parseRecordId('12abc')).toThrow(BadRequestError);
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
    const response = errorResponse(
      failure,
      new Request('http://localhost/api/v1/proposals?mine=1', { method: 'POST' }),
    );
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({
      error: `Something went wrong on our side. Reference: ${body.requestId}`,
      code: 'internal',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
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
      [1, 2].map(
        async () =>
          (await errorResponse(new Error('x'), new Request('http://localhost/api/v1/matrix')).json()).requestId,
      ),
    );
    expect(new Set(ids).size).toBe(2);
  });

  it('a domain error keeps its status and gains its code, and is not logged', async () => {
    const response = errorResponse(
      new BadRequestError('reason is required', { reason: ['reason is required'] }),
      new Request('http://localhost/x'),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'reason is required',
      code: 'bad_request',
      fieldErrors: { reason: ['reason is required'] },
    });
    expect(lines).toEqual([]);
  });

  it('a form action rethrows what it cannot explain, so the error page and onRequestError take it', () => {
    const failure = new TypeError('boom');
    expect(() => formStateFromError(failure, {})).toThrow(failure);
    expect(formStateFromError(new NotFoundError('There is no mesh "x".'), { a: 1 })).toMatchObject({
      message: 'There is no mesh "x".',
      values: { a: 1 },
    });
    expect(lines).toEqual([]);
  });
});
