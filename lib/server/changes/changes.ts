import 'server-only';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '@/db/client';
import {
  categories,
  features,
  meshes,
  meshVersions,
  proposals,
  revisions,
  users,
  type RevisionKind,
  type Source,
  type SupportLevel,
} from '@/db/schema';
import { NotFoundError } from '../../rules/errors';
import { getDb } from '../db';

export interface ChangeValue {
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
  sources: Source[];
}

export type ChangeEntry =
  | {
      type: 'revision';
      id: string;
      revisionId: number;
      kind: RevisionKind;
      at: string;
      mesh: { slug: string; name: string };
      label: string;
      feature: { slug: string; name: string; kind: 'support' | 'text' };
      category: { slug: string; name: string };
      before: ChangeValue | null;
      after: ChangeValue;
      authorName: string | null;
      approverName: string | null;
      reason: string | null;
      proposalId: number | null;
      /** A trusted contributor's proposal that published at once; a moderator checks it afterwards. */
      publishedWithoutReview: boolean;
    }
  | {
      type: 'release';
      id: string;
      at: string;
      mesh: { slug: string; name: string };
      label: string;
      releasedOn: string | null;
    };

export interface ChangesFilter {
  mesh?: string;
  category?: string;
  /** One release of `mesh` (with `feature`: one cell's feed). */
  label?: string;
  /** One row (alone: the row's feed across meshes). */
  feature?: string;
  page?: number;
  pageSize?: number;
}

/** Kinds that are news: decided changes, reverts and imports (not seeding or carrying over). */
const newsKinds: RevisionKind[] = ['proposal', 'revert', 'import'];

/** Newest first; ties broken the way the queries order them (type, then numeric id), so pages never overlap. */
function newestFirst(a: ChangeEntry, b: ChangeEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.type !== b.type) return a.type < b.type ? 1 : -1;
  return Number(b.id.split('-')[1]) - Number(a.id.split('-')[1]);
}

/** Approved changes, reverts and new releases, newest first, one page at a time. */
/** How far back the feed pages go; older values stay in each cell's history. Each page reads every newer entry, so the window is capped. */
export const MAX_CHANGES_PAGE = 200;

/** The page a `?page=` asks for, or page 1 with a message naming what was wrong. */
export function changesPageOf(raw: string | undefined): { page: number; problem: string | null } {
  if (raw === undefined || raw === '') return { page: 1, problem: null };
  const page = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(page >= 1 && page <= MAX_CHANGES_PAGE))
    return { page: 1, problem: `page must be a whole number from 1 to ${MAX_CHANGES_PAGE}; showing page 1.` };
  return { page, problem: null };
}

export function listChanges(
  filter: ChangesFilter = {},
  q: Queryable = getDb(),
): { entries: ChangeEntry[]; hasMore: boolean; page: number } {
  const page = Math.min(MAX_CHANGES_PAGE, Math.max(1, filter.page ?? 1));
  const pageSize = filter.pageSize ?? 30;
  const window = page * pageSize + 1;
  const parent = alias(revisions, 'parent');
  const author = alias(users, 'author');
  const approver = alias(users, 'approver');

  const revisionWhere: SQL[] = [inArray(revisions.kind, newsKinds)];
  if (filter.mesh) revisionWhere.push(eq(meshes.slug, filter.mesh));
  if (filter.category) revisionWhere.push(eq(categories.slug, filter.category));
  if (filter.label) revisionWhere.push(eq(meshVersions.label, filter.label));
  if (filter.feature) revisionWhere.push(eq(features.slug, filter.feature));
  const revisionRows = q
    .select({
      revision: revisions,
      parent: { support: parent.support, text: parent.text, note: parent.note, sources: parent.sources },
      meshSlug: meshes.slug,
      meshName: meshes.name,
      label: meshVersions.label,
      featureSlug: features.slug,
      featureName: features.name,
      featureKind: features.kind,
      categorySlug: categories.slug,
      categoryName: categories.name,
      authorName: author.name,
      approverName: approver.name,
      publishedWithoutReview: proposals.publishedWithoutReview,
    })
    .from(revisions)
    .innerJoin(meshVersions, eq(meshVersions.id, revisions.meshVersionId))
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .innerJoin(features, eq(features.id, revisions.featureId))
    .innerJoin(categories, eq(categories.id, features.categoryId))
    .leftJoin(parent, eq(parent.id, revisions.parentRevisionId))
    .leftJoin(author, eq(author.id, revisions.authorId))
    .leftJoin(approver, eq(approver.id, revisions.approverId))
    .leftJoin(proposals, eq(proposals.id, revisions.proposalId))
    .where(and(...revisionWhere))
    .orderBy(desc(revisions.createdAt), desc(revisions.id))
    .limit(window)
    .all();

  // A row's or a cell's feed lists changes of values only; a release is news of the mesh.
  const releaseRows =
    filter.category || filter.feature
      ? []
      : q
          .select({ version: meshVersions, meshSlug: meshes.slug, meshName: meshes.name })
          .from(meshVersions)
          .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
          .where(filter.mesh ? eq(meshes.slug, filter.mesh) : undefined)
          .orderBy(desc(meshVersions.createdAt), desc(meshVersions.id))
          .limit(window)
          .all();

  const entries: ChangeEntry[] = [
    ...revisionRows.map((row): ChangeEntry => ({
      type: 'revision',
      id: `revision-${row.revision.id}`,
      revisionId: row.revision.id,
      kind: row.revision.kind,
      at: row.revision.createdAt,
      mesh: { slug: row.meshSlug, name: row.meshName },
      label: row.label,
      feature: { slug: row.featureSlug, name: row.featureName, kind: row.featureKind },
      category: { slug: row.categorySlug, name: row.categoryName },
      before: row.parent?.sources ? row.parent : null,
      after: {
        support: row.revision.support,
        text: row.revision.text,
        note: row.revision.note,
        sources: row.revision.sources,
      },
      authorName: row.authorName,
      approverName: row.approverName,
      reason: row.revision.reason,
      proposalId: row.revision.proposalId,
      publishedWithoutReview: row.publishedWithoutReview ?? false,
    })),
    ...releaseRows.map((row): ChangeEntry => ({
      type: 'release',
      id: `release-${row.version.id}`,
      at: row.version.createdAt,
      mesh: { slug: row.meshSlug, name: row.meshName },
      label: row.version.label,
      releasedOn: row.version.releasedOn,
    })),
  ].sort(newestFirst);

  const start = (page - 1) * pageSize;
  // The last page a reader may ask for offers no older page: asking for it would only repeat this one.
  return {
    entries: entries.slice(start, start + pageSize),
    hasMore: page < MAX_CHANGES_PAGE && entries.length > start + pageSize,
    page,
  };
}

/** What a feed URL names: everything, a mesh, a row, or one cell. */
export interface FeedSubject {
  filter: ChangesFilter;
  /** Whose changes, for the feed's title: "Istio", "mTLS in Istio 1.24". */
  name: string | null;
  /** The feed's own path and query, for its `self` link and id. */
  selfPath: string;
}

/**
 * Looks up the mesh, release and row a feed query names (already checked to be a whole combination): a 404 for any
 * that does not exist. A former mesh slug is not followed here; its feed is the current slug's.
 */
export function findFeedSubject(
  query: { mesh?: string | null; version?: string | null; feature?: string | null },
  q: Queryable = getDb(),
): FeedSubject {
  const params = new URLSearchParams();
  let name: string | null = null;
  const filter: ChangesFilter = {};
  if (query.mesh) {
    const mesh = q.select().from(meshes).where(eq(meshes.slug, query.mesh)).get();
    if (!mesh) throw new NotFoundError(`There is no mesh "${query.mesh}".`);
    filter.mesh = mesh.slug;
    params.set('mesh', mesh.slug);
    name = mesh.name;
    if (query.version) {
      const version = q
        .select()
        .from(meshVersions)
        .where(and(eq(meshVersions.meshId, mesh.id), eq(meshVersions.label, query.version)))
        .get();
      if (!version) throw new NotFoundError(`${mesh.name} has no release "${query.version}".`);
      filter.label = version.label;
      params.set('version', version.label);
      name = `${mesh.name} ${version.label}`;
    }
  }
  if (query.feature) {
    const feature = q.select().from(features).where(eq(features.slug, query.feature)).get();
    if (!feature) throw new NotFoundError(`There is no row "${query.feature}".`);
    filter.feature = feature.slug;
    params.set('feature', feature.slug);
    name = name ? `${feature.name} in ${name}` : `${feature.name} (every mesh)`;
  }
  const search = params.toString();
  return { filter, name, selfPath: search ? `/changes/feed.xml?${search}` : '/changes/feed.xml' };
}

/** The public Atom feed of a cell. */
export function cellFeedPath(meshSlug: string, label: string, featureSlug: string): string {
  return `/changes/feed.xml?${new URLSearchParams({ mesh: meshSlug, version: label, feature: featureSlug })}`;
}

/** The public Atom feed of a row across meshes. */
export function rowFeedPath(featureSlug: string): string {
  return `/changes/feed.xml?${new URLSearchParams({ feature: featureSlug })}`;
}
