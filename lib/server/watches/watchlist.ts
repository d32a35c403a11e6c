import 'server-only';
import { and, desc, eq, gte, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '@/db/client';
import {
  changesets,
  comments,
  features,
  feedbackRounds,
  meshes,
  meshVersions,
  proposals,
  revisions,
  users,
  type RevisionKind,
  type SupportLevel,
  type User,
} from '@/db/schema';
import { cellPath, releasePath } from '../../rules/format';
import {
  sinceLastVisit,
  WATCHLIST_MAX_ITEMS,
  watchlistWindowStart,
  type WatchlistItem,
  type WatchlistReading,
} from '../../rules/watchlist';
import { getDb } from '../db';

/*
 * The watchlist read model: everything that happened in the window on what the user follows, plus decisions on their
 * own proposals, each source read newest first and cut at the list's length (no source can contribute more than the
 * list shows). Which of it is unread is lib/rules/watchlist.ts's `sinceLastVisit`.
 */

/** Kinds of revision that are news: decided changes, reverts and imports (as on /changes). */
const newsKinds: RevisionKind[] = ['proposal', 'revert', 'import'];

/**
 * The user follows the cell (release `versionId`, row `featureId`) of mesh `meshId`: its mesh, its row or the cell
 * itself. A row watch has no release and no mesh; a mesh watch has no row.
 */
function followsCell(userId: number, meshId: SQL | unknown, versionId: SQL | unknown, featureId: SQL | unknown): SQL {
  return sql`exists (select 1 from watches w where w.user_id = ${userId} and (w.mesh_id = ${meshId} or (w.feature_id = ${featureId} and (w.mesh_version_id is null or w.mesh_version_id = ${versionId}))))`;
}

function followsRow(userId: number, featureId: unknown): SQL {
  return sql`exists (select 1 from watches w where w.user_id = ${userId} and w.feature_id = ${featureId} and w.mesh_version_id is null)`;
}

function followsMesh(userId: number, meshId: unknown): SQL {
  return sql`exists (select 1 from watches w where w.user_id = ${userId} and w.mesh_id = ${meshId})`;
}

function describeValue(value: { support: SupportLevel | null; text: string | null; note: string | null }): string {
  const main = value.support ?? value.text ?? 'nothing';
  return value.note ? `${main} (${value.note})` : main;
}

function excerpt(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

const author = alias(users, 'author');

function changeItems(userId: number, start: string, q: Queryable): WatchlistItem[] {
  const parent = alias(revisions, 'parent');
  return q
    .select({
      revision: revisions,
      parent: { support: parent.support, text: parent.text, note: parent.note },
      meshSlug: meshes.slug,
      meshName: meshes.name,
      label: meshVersions.label,
      featureSlug: features.slug,
      featureName: features.name,
    })
    .from(revisions)
    .innerJoin(meshVersions, eq(meshVersions.id, revisions.meshVersionId))
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .innerJoin(features, eq(features.id, revisions.featureId))
    .leftJoin(parent, eq(parent.id, revisions.parentRevisionId))
    .where(
      and(
        inArray(revisions.kind, newsKinds),
        gte(revisions.createdAt, start),
        followsCell(userId, meshVersions.meshId, revisions.meshVersionId, revisions.featureId),
      ),
    )
    .orderBy(desc(revisions.createdAt), desc(revisions.id))
    .limit(WATCHLIST_MAX_ITEMS)
    .all()
    .map((row) => {
      const r = row.revision;
      const verb = r.kind === 'revert' ? 'reverted to' : r.kind === 'import' ? 'imported as' : 'now';
      const was = row.parent ? ` (was ${describeValue(row.parent)})` : '';
      return {
        id: `change-${r.id}`,
        kind: 'change' as const,
        at: r.createdAt,
        mesh: { slug: row.meshSlug, name: row.meshName },
        version: row.label,
        feature: { slug: row.featureSlug, name: row.featureName },
        summary: `${row.featureName} in ${row.meshName} ${row.label}: ${verb} ${describeValue(r)}${was}`,
        url: cellPath(row.meshSlug, row.label, row.featureSlug),
      };
    });
}

function releaseItems(userId: number, start: string, q: Queryable): WatchlistItem[] {
  return q
    .select({ version: meshVersions, meshSlug: meshes.slug, meshName: meshes.name })
    .from(meshVersions)
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .where(and(gte(meshVersions.createdAt, start), followsMesh(userId, meshVersions.meshId)))
    .orderBy(desc(meshVersions.createdAt), desc(meshVersions.id))
    .limit(WATCHLIST_MAX_ITEMS)
    .all()
    .map((row) => ({
      id: `release-${row.version.id}`,
      kind: 'release' as const,
      at: row.version.createdAt,
      mesh: { slug: row.meshSlug, name: row.meshName },
      version: row.version.label,
      feature: null,
      summary: `${row.meshName} ${row.version.label} added${row.version.releasedOn ? `, released ${row.version.releasedOn}` : ''}`,
      url: releasePath(row.meshSlug, row.version.label),
    }));
}

/** Proposals by others on what the user follows (their own they know about). */
function proposalItems(userId: number, start: string, q: Queryable): WatchlistItem[] {
  return q
    .select({
      proposal: proposals,
      meshSlug: meshes.slug,
      meshName: meshes.name,
      label: meshVersions.label,
      featureSlug: features.slug,
      featureName: features.name,
      authorName: author.name,
    })
    .from(proposals)
    .innerJoin(meshVersions, eq(meshVersions.id, proposals.meshVersionId))
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .innerJoin(features, eq(features.id, proposals.featureId))
    .innerJoin(author, eq(author.id, proposals.authorId))
    .where(
      and(
        gte(proposals.createdAt, start),
        ne(proposals.authorId, userId),
        followsCell(userId, meshVersions.meshId, proposals.meshVersionId, proposals.featureId),
      ),
    )
    .orderBy(desc(proposals.createdAt), desc(proposals.id))
    .limit(WATCHLIST_MAX_ITEMS)
    .all()
    .map((row) => {
      const p = row.proposal;
      return {
        id: `proposal-${p.id}`,
        kind: 'proposal' as const,
        at: p.createdAt,
        mesh: { slug: row.meshSlug, name: row.meshName },
        version: row.label,
        feature: { slug: row.featureSlug, name: row.featureName },
        summary: `Proposal ${p.id} by ${row.authorName ?? 'a contributor'}: ${row.featureName} in ${row.meshName} ${row.label} to ${describeValue(p)}`,
        url: `/proposals/${p.id}`,
      };
    });
}

/**
 * Visible comments by others on what the user follows: a followed cell's thread (by its mesh, row or cell), a followed
 * row's thread, a proposal on a followed cell or by the user, a changeset by the user or touching a followed cell or
 * proposing a release of a followed mesh.
 */
function commentItems(userId: number, start: string, q: Queryable): WatchlistItem[] {
  const cellVersionId = sql`coalesce(${comments.meshVersionId}, ${proposals.meshVersionId})`;
  const cellFeatureId = sql`coalesce(${comments.featureId}, ${proposals.featureId})`;
  const changesetFollowed = sql`exists (select 1 from proposals p2 join mesh_versions mv2 on mv2.id = p2.mesh_version_id where p2.changeset_id = ${comments.changesetId} and ${followsCell(userId, sql`mv2.mesh_id`, sql`p2.mesh_version_id`, sql`p2.feature_id`)})`;
  return q
    .select({
      comment: comments,
      proposalAuthorId: proposals.authorId,
      changesetTitle: changesets.title,
      meshSlug: meshes.slug,
      meshName: meshes.name,
      label: meshVersions.label,
      featureSlug: features.slug,
      featureName: features.name,
      authorName: author.name,
    })
    .from(comments)
    .innerJoin(author, eq(author.id, comments.authorId))
    .leftJoin(proposals, eq(proposals.id, comments.proposalId))
    .leftJoin(changesets, eq(changesets.id, comments.changesetId))
    .leftJoin(meshVersions, sql`${meshVersions.id} = ${cellVersionId}`)
    .leftJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .leftJoin(features, sql`${features.id} = ${cellFeatureId}`)
    .where(
      and(
        isNull(comments.hiddenAt),
        ne(comments.authorId, userId),
        gte(comments.createdAt, start),
        or(
          and(
            inArray(comments.target, ['cell', 'proposal']),
            followsCell(userId, meshVersions.meshId, cellVersionId, cellFeatureId),
          ),
          and(eq(comments.target, 'row'), followsRow(userId, comments.featureId)),
          and(eq(comments.target, 'proposal'), eq(proposals.authorId, userId)),
          and(
            eq(comments.target, 'changeset'),
            or(eq(changesets.authorId, userId), followsMesh(userId, changesets.releaseMeshId), changesetFollowed),
          ),
        ),
      ),
    )
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(WATCHLIST_MAX_ITEMS)
    .all()
    .map((row) => {
      const c = row.comment;
      const on =
        c.target === 'changeset'
          ? { what: `changeset ${c.changesetId} (${row.changesetTitle ?? ''})`, url: `/changesets/${c.changesetId}` }
          : c.target === 'proposal'
            ? { what: `proposal ${c.proposalId}`, url: `/proposals/${c.proposalId}` }
            : c.target === 'row' && row.featureSlug
              ? { what: `the row ${row.featureName}`, url: `/rows/${encodeURIComponent(row.featureSlug)}` }
              : row.meshSlug && row.label && row.featureSlug
                ? {
                    what: `${row.featureName} in ${row.meshName} ${row.label}`,
                    url: cellPath(row.meshSlug, row.label, row.featureSlug),
                  }
                : { what: 'a discussion', url: '/watchlist' };
      const cell = c.target === 'cell' || c.target === 'proposal';
      return {
        id: `comment-${c.id}`,
        kind: 'comment' as const,
        at: c.createdAt,
        mesh: cell && row.meshSlug ? { slug: row.meshSlug, name: row.meshName! } : null,
        version: cell ? row.label : null,
        feature: row.featureSlug && c.target !== 'changeset' ? { slug: row.featureSlug, name: row.featureName! } : null,
        summary: `${row.authorName ?? 'Someone'} commented on ${on.what}: ${excerpt(c.body)}`,
        url: on.url,
      };
    });
}

/** Moderators' decisions on the user's own proposals: approved, rejected (with the reason) and changes asked for. */
function decisionItems(userId: number, start: string, q: Queryable): WatchlistItem[] {
  const reviewer = alias(users, 'reviewer');
  const cellColumns = {
    meshSlug: meshes.slug,
    meshName: meshes.name,
    label: meshVersions.label,
    featureSlug: features.slug,
    featureName: features.name,
    reviewerName: reviewer.name,
  };
  const decided = q
    .select({ proposal: proposals, ...cellColumns })
    .from(proposals)
    .innerJoin(meshVersions, eq(meshVersions.id, proposals.meshVersionId))
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .innerJoin(features, eq(features.id, proposals.featureId))
    .innerJoin(reviewer, eq(reviewer.id, proposals.reviewerId))
    .where(
      and(
        eq(proposals.authorId, userId),
        inArray(proposals.status, ['approved', 'rejected']),
        isNotNull(proposals.decidedAt),
        gte(proposals.decidedAt, start),
      ),
    )
    .orderBy(desc(proposals.decidedAt), desc(proposals.id))
    .limit(WATCHLIST_MAX_ITEMS)
    .all()
    .map((row): WatchlistItem => {
      const p = row.proposal;
      const comment = p.reviewComment ? `: ${excerpt(p.reviewComment, 300)}` : '';
      return {
        id: `decision-${p.id}`,
        kind: 'decision',
        at: p.decidedAt!,
        mesh: { slug: row.meshSlug, name: row.meshName },
        version: row.label,
        feature: { slug: row.featureSlug, name: row.featureName },
        summary: `Your proposal ${p.id} (${row.featureName} in ${row.meshName} ${row.label}) was ${p.status} by ${row.reviewerName ?? 'a moderator'}${comment}`,
        url: `/proposals/${p.id}`,
      };
    });

  const ownChangeset = alias(changesets, 'own_changeset');
  const asked = q
    .select({
      round: feedbackRounds,
      proposalId: proposals.id,
      changesetTitle: ownChangeset.title,
      ...cellColumns,
    })
    .from(feedbackRounds)
    .innerJoin(reviewer, eq(reviewer.id, feedbackRounds.moderatorId))
    .leftJoin(proposals, eq(proposals.id, feedbackRounds.proposalId))
    .leftJoin(ownChangeset, eq(ownChangeset.id, feedbackRounds.changesetId))
    .leftJoin(meshVersions, eq(meshVersions.id, proposals.meshVersionId))
    .leftJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .leftJoin(features, eq(features.id, proposals.featureId))
    .where(
      and(
        gte(feedbackRounds.requestedAt, start),
        or(eq(proposals.authorId, userId), eq(ownChangeset.authorId, userId)),
      ),
    )
    .orderBy(desc(feedbackRounds.requestedAt), desc(feedbackRounds.id))
    .limit(WATCHLIST_MAX_ITEMS)
    .all()
    .map((row): WatchlistItem => {
      const r = row.round;
      const onProposal = row.proposalId !== null && row.meshSlug && row.label && row.featureSlug;
      const what = onProposal
        ? `Your proposal ${row.proposalId} (${row.featureName} in ${row.meshName} ${row.label})`
        : `Your changeset ${r.changesetId} (${row.changesetTitle ?? ''})`;
      return {
        id: `feedback-${r.id}`,
        kind: 'decision',
        at: r.requestedAt,
        mesh: onProposal ? { slug: row.meshSlug!, name: row.meshName! } : null,
        version: onProposal ? row.label : null,
        feature: onProposal ? { slug: row.featureSlug!, name: row.featureName! } : null,
        summary: `${what}: ${row.reviewerName ?? 'a moderator'} asked for changes: ${excerpt(r.comment, 300)}`,
        url: onProposal ? `/proposals/${row.proposalId}` : `/changesets/${r.changesetId}`,
      };
    });
  return [...decided, ...asked];
}

/**
 * The user's watchlist as of `now`, unread marked against their last visit. Reading it marks nothing: opening
 * /watchlist does, through the `watch.seen` command.
 */
export function readWatchlist(
  user: Pick<User, 'id' | 'watchlistSeenAt'>,
  now: Date = new Date(),
  q: Queryable = getDb(),
): WatchlistReading<WatchlistItem> {
  const start = watchlistWindowStart(now);
  const items = [
    ...changeItems(user.id, start, q),
    ...releaseItems(user.id, start, q),
    ...proposalItems(user.id, start, q),
    ...commentItems(user.id, start, q),
    ...decisionItems(user.id, start, q),
  ];
  return sinceLastVisit(items, user.watchlistSeenAt, now);
}

/** An item as the API gives it: slugs and labels, as `POST /api/v1/watches` takes them. */
export function watchlistItemForApi(item: WatchlistItem & { unread: boolean }) {
  return {
    kind: item.kind,
    at: item.at,
    mesh: item.mesh?.slug ?? null,
    version: item.version,
    feature: item.feature?.slug ?? null,
    summary: item.summary,
    url: item.url,
    unread: item.unread,
  };
}
