import { describe, expect, it } from 'vitest';
import { BadRequestError } from '@/lib/rules/errors';
import {
  sinceLastVisit,
  WATCHLIST_DAYS,
  WATCHLIST_MAX_ITEMS,
  watchKey,
  watchTargetKindOf,
  type WatchlistItem,
} from '@/lib/rules/watchlist';

const now = new Date('2026-06-01T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

function item(id: string, at: string, kind: WatchlistItem['kind'] = 'change'): WatchlistItem {
  return { id, kind, at, mesh: null, version: null, feature: null, summary: id, url: '/' };
}

describe('sinceLastVisit', () => {
  it('marks everything unread before the first visit', () => {
    const reading = sinceLastVisit([item('a', daysAgo(1)), item('b', daysAgo(2))], null, now);
    expect(reading.items.map((i) => i.unread)).toEqual([true, true]);
    expect(reading.unread).toBe(2);
  });

  it('marks unread only what happened strictly after the last visit', () => {
    const seenAt = daysAgo(2);
    const reading = sinceLastVisit(
      [item('before', daysAgo(3)), item('at', seenAt), item('after', daysAgo(1))],
      seenAt,
      now,
    );
    expect(reading.items.map((i) => [i.id, i.unread])).toEqual([
      ['after', true],
      ['at', false],
      ['before', false],
    ]);
    expect(reading.unread).toBe(1);
  });

  it('orders newest first, equal times by id descending, whatever order the sources came in', () => {
    const at = daysAgo(1);
    const reading = sinceLastVisit(
      [item('change-1', at), item('release-2', daysAgo(5)), item('comment-3', at), item('proposal-9', daysAgo(0.5))],
      null,
      now,
    );
    expect(reading.items.map((i) => i.id)).toEqual(['proposal-9', 'comment-3', 'change-1', 'release-2']);
  });

  it(`leaves out what is older than ${WATCHLIST_DAYS} days, in the future, or listed twice`, () => {
    const reading = sinceLastVisit(
      [
        item('old', daysAgo(WATCHLIST_DAYS + 1)),
        item('edge', daysAgo(WATCHLIST_DAYS)),
        item('future', new Date(now.getTime() + 1000).toISOString()),
        item('twice', daysAgo(1)),
        item('twice', daysAgo(1)),
      ],
      null,
      now,
    );
    expect(reading.items.map((i) => i.id)).toEqual(['twice', 'edge']);
  });

  it(`shows at most ${WATCHLIST_MAX_ITEMS} items, says more were left out, and counts unread among those shown`, () => {
    const many = Array.from({ length: WATCHLIST_MAX_ITEMS + 5 }, (_, i) =>
      item(`change-${String(i).padStart(4, '0')}`, new Date(now.getTime() - (i + 1) * 60_000).toISOString()),
    );
    const reading = sinceLastVisit(many, null, now);
    expect(reading.items).toHaveLength(WATCHLIST_MAX_ITEMS);
    expect(reading.truncated).toBe(true);
    expect(reading.unread).toBe(WATCHLIST_MAX_ITEMS);
    expect(reading.items[0]!.id).toBe('change-0000');
    expect(sinceLastVisit(many.slice(0, 3), null, now).truncated).toBe(false);
  });
});

describe('watchTargetKindOf', () => {
  it('reads a mesh, a row and a cell', () => {
    expect(watchTargetKindOf({ mesh: 'istio' })).toBe('mesh');
    expect(watchTargetKindOf({ feature: 'mtls' })).toBe('row');
    expect(watchTargetKindOf({ mesh: 'istio', version: '1.24', feature: 'mtls' })).toBe('cell');
  });

  it.each([
    [{}, 'mesh'],
    [{ version: '1.24' }, 'mesh'],
    [{ version: '1.24', feature: 'mtls' }, 'mesh'],
    [{ mesh: 'istio', version: '1.24' }, 'feature'],
    [{ mesh: 'istio', feature: 'mtls' }, 'version'],
  ])('refuses %j naming %s', (input, field) => {
    const result = watchTargetKindOf(input);
    expect(result).toBeInstanceOf(BadRequestError);
    expect(Object.keys((result as BadRequestError).fieldErrors)).toEqual([field]);
  });
});

describe('watchKey', () => {
  it('names each kind of watch once', () => {
    expect(watchKey({ kind: 'mesh', meshId: 3 })).toBe('mesh:3');
    expect(watchKey({ kind: 'row', featureId: 7 })).toBe('row:7');
    expect(watchKey({ kind: 'cell', meshVersionId: 12, featureId: 7 })).toBe('cell:12:7');
  });
});
