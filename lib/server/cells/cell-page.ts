import 'server-only';
import { and, count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '@/db/client';
import { categories, features, meshVersions, revisions, users, type Feature, type Mesh } from '@/db/schema';
import { getDb } from '../db';
import { NotFoundError } from '../../rules/errors';
import { dayOf, isReleaseInferred } from '../../rules/staleness';
import { getRetirement, type Retirement } from '../structure/structure';

import { meshWithReleases } from '../matrix/meshes';
import { CellValue, VersionSummary, FeatureView, summarizeVersion, headValues } from '../matrix/matrix';

export interface RevisionView extends Omit<CellValue, 'confirmedOn' | 'stale'> {
  createdAt: string;
  authorName: string | null;
  approverName: string | null;
  proposalId: number | null;
  reason: string | null;
}

export interface CellPage {
  mesh: Mesh;
  version: VersionSummary;
  /** Newest first, so a reader sees the release they came from in context. */
  versions: VersionSummary[];
  feature: FeatureView & { status: Feature['status'] };
  category: { slug: string; name: string };
  /** Set when the row (or its category) is retired: out of the matrix, closed to proposals, history kept. */
  retired: Retirement | null;
  current: CellValue | null;
  /**
   * Where and when the current value was last checked: this release and its
   * confirmedOn, or for a carried value the release it was carried from and
   * the day it was checked there. Null when nothing is recorded.
   */
  lastConfirmed: { label: string; on: string } | null;
  /** Newest first: all of it, or one page of HISTORY_PAGE_SIZE when a page was asked for. */
  history: RevisionView[];
  /** Revisions in the whole history. */
  historyCount: number;
  /** The page of history shown (1 is the newest), or null when `history` is all of it. */
  historyPage: number | null;
}

/**
 * Revisions on one page of a cell's history. A cell can gather hundreds (a disputed value, a revert war); its page
 * shows the newest, and older ones are a page away, so a cell page costs the same however long its history grows.
 */
export const HISTORY_PAGE_SIZE = 50;

/** Pages of history a cell with `revisions` revisions has (one, even when empty). */
export function countHistoryPages(revisions: number): number {
  return Math.max(1, Math.ceil(revisions / HISTORY_PAGE_SIZE));
}

/**
 * A cell's page: its current value, freshness and history. `historyPage` (from 1, newest first) limits the history to
 * that page; without it the whole history is read. A page past the last is a NotFoundError.
 */
export function getCellPage(
  slug: string,
  label: string,
  featureSlug: string,
  q: Queryable = getDb(),
  historyPage?: number,
): CellPage {
  const { mesh, list } = meshWithReleases(q, slug);
  const version = list.find((v) => v.label === label);
  if (!version) throw new NotFoundError(`${mesh.name} has no release "${label}"`);
  const row = q
    .select({ feature: features, category: categories })
    .from(features)
    .innerJoin(categories, eq(categories.id, features.categoryId))
    .where(eq(features.slug, featureSlug))
    .get();
  if (!row) throw new NotFoundError(`No row called "${featureSlug}"`);
  const { feature, category } = row;

  const origin = alias(revisions, 'origin');
  const originVersion = alias(meshVersions, 'origin_version');
  const author = alias(users, 'author');
  const approver = alias(users, 'approver');
  const ofCell = and(eq(revisions.meshVersionId, version.id), eq(revisions.featureId, feature.id));
  const historyCount =
    historyPage === undefined ? null : (q.select({ n: count() }).from(revisions).where(ofCell).get()?.n ?? 0);
  if (historyCount !== null && historyPage! > countHistoryPages(historyCount))
    throw new NotFoundError(
      `${feature.name} in ${mesh.name} ${version.label} has ${countHistoryPages(historyCount)} pages of history, not ${historyPage}`,
    );
  const query = q
    .select({
      revision: revisions,
      carriedFrom: originVersion.label,
      authorName: author.name,
      approverName: approver.name,
    })
    .from(revisions)
    .leftJoin(origin, eq(origin.id, revisions.carriedFromRevisionId))
    .leftJoin(originVersion, eq(originVersion.id, origin.meshVersionId))
    .leftJoin(author, eq(author.id, revisions.authorId))
    .leftJoin(approver, eq(approver.id, revisions.approverId))
    .where(ofCell)
    .orderBy(desc(revisions.createdAt), desc(revisions.id));
  const rows =
    historyPage === undefined
      ? query.all()
      : query
          .limit(HISTORY_PAGE_SIZE)
          .offset((historyPage - 1) * HISTORY_PAGE_SIZE)
          .all();
  const history: RevisionView[] = rows.map(({ revision, carriedFrom, authorName, approverName }) => ({
    revisionId: revision.id,
    support: revision.support,
    text: revision.text,
    note: revision.note,
    sources: revision.sources,
    kind: revision.kind,
    updatedAt: revision.createdAt,
    createdAt: revision.createdAt,
    carriedFrom: revision.kind === 'carry_forward' ? carriedFrom : null,
    releaseInferred: isReleaseInferred(revision),
    authorName,
    approverName,
    proposalId: revision.proposalId,
    reason: revision.reason,
  }));
  const head = headValues(q, [version.id], { featureId: feature.id }).get(version.id)?.get(feature.id) ?? null;
  const carriedOrigin =
    head?.kind === 'carry_forward'
      ? q
          .select({ createdAt: origin.createdAt, label: originVersion.label })
          .from(revisions)
          .innerJoin(origin, eq(origin.id, revisions.carriedFromRevisionId))
          .innerJoin(originVersion, eq(originVersion.id, origin.meshVersionId))
          .where(eq(revisions.id, head.revisionId))
          .get()
      : undefined;
  const lastConfirmed = carriedOrigin
    ? { label: carriedOrigin.label, on: dayOf(carriedOrigin.createdAt) }
    : head?.confirmedOn
      ? { label: version.label, on: head.confirmedOn }
      : null;
  return {
    mesh,
    version: summarizeVersion(version),
    versions: [...list].reverse().map(summarizeVersion),
    feature: {
      id: feature.id,
      slug: feature.slug,
      name: feature.name,
      definition: feature.definition,
      referenceUrl: feature.referenceUrl,
      kind: feature.kind,
      status: feature.status,
    },
    category: { slug: category.slug, name: category.name },
    retired: getRetirement(feature, category, q),
    current: head,
    lastConfirmed,
    history,
    historyCount: historyCount ?? history.length,
    historyPage: historyPage ?? null,
  };
}
