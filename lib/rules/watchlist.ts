import { fieldError, type BadRequestError } from './errors';

/** How far back /watchlist and its feed look, and how many items they show at most; the page says so. */
export const WATCHLIST_DAYS = 90;
export const WATCHLIST_MAX_ITEMS = 200;

export const watchlistItemKinds = ['change', 'release', 'proposal', 'comment', 'decision'] as const;
export type WatchlistItemKind = (typeof watchlistItemKinds)[number];

/** One thing that happened on something a user follows (or to their own proposal). */
export interface WatchlistItem {
  /** Unique across kinds (`change-12`, `comment-3`): the feed's entry id and the tie-break of equal times. */
  id: string;
  kind: WatchlistItemKind;
  /** When it happened, as stored (ISO 8601 UTC). */
  at: string;
  mesh: { slug: string; name: string } | null;
  version: string | null;
  feature: { slug: string; name: string } | null;
  summary: string;
  /** A path on this site. */
  url: string;
}

/** The oldest moment the watchlist shows. */
export function watchlistWindowStart(now: Date): string {
  return new Date(now.getTime() - WATCHLIST_DAYS * 86_400_000).toISOString();
}

/** Newest first; equal times by id, descending, so the order is the same on every read. */
function newestFirst(a: WatchlistItem, b: WatchlistItem): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export interface WatchlistReading<T extends WatchlistItem> {
  items: (T & { unread: boolean })[];
  /** How many of the items shown are unread. */
  unread: number;
  /** More items fell in the window than the list shows. */
  truncated: boolean;
}

/**
 * The since-last-visit rule: what the watchlist shows and which of it is new. Items from before the window or after
 * `now` are left out, the rest are ordered newest first and cut at WATCHLIST_MAX_ITEMS; an item is unread when it
 * happened strictly after the last visit (`seenAt`), and everything is unread before a first visit.
 */
export function sinceLastVisit<T extends WatchlistItem>(
  items: readonly T[],
  seenAt: string | null,
  now: Date,
): WatchlistReading<T> {
  const start = watchlistWindowStart(now);
  const end = now.toISOString();
  const seen = new Set<string>();
  const inWindow = items.filter((item) => {
    if (item.at < start || item.at > end || seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
  const sorted = [...inWindow].sort(newestFirst);
  const shown = sorted.slice(0, WATCHLIST_MAX_ITEMS).map((item) => ({
    ...item,
    unread: seenAt === null || item.at > seenAt,
  }));
  return {
    items: shown,
    unread: shown.filter((item) => item.unread).length,
    truncated: sorted.length > shown.length,
  };
}

export type WatchTargetKind = 'mesh' | 'row' | 'cell';

/**
 * What a watch request names: a mesh alone, a row alone (`feature`), or a cell (mesh, version and feature). Any
 * other combination is refused naming the field that is missing or out of place.
 */
export function watchTargetKindOf(input: {
  mesh?: string | null;
  version?: string | null;
  feature?: string | null;
}): WatchTargetKind | BadRequestError {
  const { mesh, version, feature } = input;
  if (version && !mesh) return fieldError('mesh', 'is required with version: a cell is a mesh, a release and a row');
  if (mesh && version && feature) return 'cell';
  if (mesh && version) return fieldError('feature', 'is required with version: a cell is a mesh, a release and a row');
  if (mesh && feature)
    return fieldError('version', 'is required to follow one cell; send only feature to follow the row in every mesh');
  if (mesh) return 'mesh';
  if (feature) return 'row';
  return fieldError('mesh', 'is required: follow a mesh, a row (feature) or a cell (mesh, version and feature)');
}

/** The unique name of a followed thing per user. */
export function watchKey(
  target:
    | { kind: 'mesh'; meshId: number }
    | { kind: 'row'; featureId: number }
    | {
        kind: 'cell';
        meshVersionId: number;
        featureId: number;
      },
): string {
  if (target.kind === 'mesh') return `mesh:${target.meshId}`;
  if (target.kind === 'row') return `row:${target.featureId}`;
  return `cell:${target.meshVersionId}:${target.featureId}`;
}
