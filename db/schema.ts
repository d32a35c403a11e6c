import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';

export const supportLevels = ['yes', 'partial', 'no', 'unknown'] as const;
export type SupportLevel = (typeof supportLevels)[number];

export const revisionKinds = ['seed', 'proposal', 'revert', 'carry_forward', 'import'] as const;
export type RevisionKind = (typeof revisionKinds)[number];

/** `changes_requested`: a moderator asked the author for changes; the author edits and resubmits (back to pending). */
export const proposalStatuses = ['pending', 'approved', 'rejected', 'withdrawn', 'changes_requested'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const roles = ['contributor', 'moderator', 'admin'] as const;

export const importModes = ['publish', 'review'] as const;
export type ImportMode = (typeof importModes)[number];
export type Role = (typeof roles)[number];

export interface Source {
  url: string;
  title: string | null;
}

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const createdAt = () => text('created_at').notNull().default(now);

export const meshes = sqliteTable('meshes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  homepage: text('homepage'),
  repository: text('repository'),
  description: text('description').notNull().default(''),
  status: text('status', { enum: ['active', 'archived'] })
    .notNull()
    .default('active'),
  statusNote: text('status_note'),
  /** Where the status change can be checked (a project archived upstream, say), cited like any value. */
  statusSourceUrl: text('status_source_url'),
  /** Column order in the matrix: the most compared meshes first. */
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: text('updated_at').notNull().default(now),
});

/** Former names; their slugs keep redirecting to the mesh. */
export const meshAliases = sqliteTable('mesh_aliases', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  meshId: integer('mesh_id')
    .notNull()
    .references(() => meshes.id),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const meshVersions = sqliteTable(
  'mesh_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meshId: integer('mesh_id')
      .notNull()
      .references(() => meshes.id),
    label: text('label').notNull(),
    /** `YYYY-MM-DD`, only when a source gives it. */
    releasedOn: text('released_on'),
    releaseNotesUrl: text('release_notes_url'),
    createdById: integer('created_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mesh_versions_mesh_label_unique').on(t.meshId, t.label)],
);

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  status: text('status', { enum: ['active', 'retired'] })
    .notNull()
    .default('active'),
  createdAt: createdAt(),
});

export const features = sqliteTable(
  'features',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    definition: text('definition').notNull(),
    referenceUrl: text('reference_url'),
    kind: text('kind', { enum: ['support', 'text'] })
      .notNull()
      .default('support'),
    position: integer('position').notNull(),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
  },
  (t) => [index('features_category_position').on(t.categoryId, t.position)],
);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name'),
  email: text('email').unique(),
  image: text('image'),
  role: text('role', { enum: roles }).notNull().default('contributor'),
  banned: integer('banned', { mode: 'boolean' }).notNull().default(false),
  banReason: text('ban_reason'),
  /** A trusted contributor's proposals publish at once unless they conflict or are about a mesh they are affiliated with. */
  trusted: integer('trusted', { mode: 'boolean' }).notNull().default(false),
  trustedReason: text('trusted_reason'),
  /** When the user last opened /watchlist: what changed after it is unread. */
  watchlistSeenAt: text('watchlist_seen_at'),
  /** The secret in the user's private watchlist feed URL; null until made, replaced to revoke. */
  feedToken: text('feed_token').unique(),
  createdAt: createdAt(),
});

/** next-auth provider accounts linked to a user (JWT sessions, so no sessions table). */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refreshToken: text('refresh_token'),
    accessToken: text('access_token'),
    expiresAt: integer('expires_at'),
    tokenType: text('token_type'),
    scope: text('scope'),
    idToken: text('id_token'),
    sessionState: text('session_state'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('accounts_provider_account_unique').on(t.provider, t.providerAccountId),
    index('accounts_user').on(t.userId),
  ],
);

/** Append-only: one row per value a cell has ever had. */
export const revisions = sqliteTable(
  'revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meshVersionId: integer('mesh_version_id')
      .notNull()
      .references(() => meshVersions.id),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id),
    support: text('support', { enum: supportLevels }),
    text: text('text'),
    note: text('note'),
    sources: text('sources', { mode: 'json' }).$type<Source[]>().notNull(),
    kind: text('kind', { enum: revisionKinds }).notNull(),
    authorId: integer('author_id').references(() => users.id),
    approverId: integer('approver_id').references(() => users.id),
    proposalId: integer('proposal_id').references((): AnySQLiteColumn => proposals.id),
    parentRevisionId: integer('parent_revision_id').references((): AnySQLiteColumn => revisions.id),
    /** For carry_forward: the checked revision (in an older release) the value comes from. */
    carriedFromRevisionId: integer('carried_from_revision_id').references((): AnySQLiteColumn => revisions.id),
    /** Why the revision exists where it is not a proposal (revert reason, import note). */
    reason: text('reason'),
    /**
     * The source names no release: the value sits on the release current for
     * the mesh at the source's date, and readers are told so.
     */
    releaseInferred: integer('release_inferred', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('revisions_cell').on(t.meshVersionId, t.featureId, t.createdAt),
    // A cell's confirmed-on date (newest revision that is not a carry-forward) read from the index alone.
    index('revisions_cell_confirmed')
      .on(t.meshVersionId, t.featureId, t.createdAt)
      .where(sql`kind <> 'carry_forward'`),
    index('revisions_created_at').on(t.createdAt),
    index('revisions_feature').on(t.featureId),
  ],
);

/** (release, row) → current revision; moved only by the transaction that appends that revision. */
export const cellHeads = sqliteTable(
  'cell_heads',
  {
    meshVersionId: integer('mesh_version_id')
      .notNull()
      .references(() => meshVersions.id),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id),
    revisionId: integer('revision_id')
      .notNull()
      .references(() => revisions.id),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.meshVersionId, t.featureId] })],
);

export const proposals = sqliteTable(
  'proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meshVersionId: integer('mesh_version_id')
      .notNull()
      .references(() => meshVersions.id),
    featureId: integer('feature_id')
      .notNull()
      .references(() => features.id),
    baseRevisionId: integer('base_revision_id').references(() => revisions.id),
    support: text('support', { enum: supportLevels }),
    text: text('text'),
    note: text('note'),
    sources: text('sources', { mode: 'json' }).$type<Source[]>().notNull(),
    rationale: text('rationale').notNull().default(''),
    affiliated: integer('affiliated', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: proposalStatuses }).notNull().default('pending'),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    reviewerId: integer('reviewer_id').references(() => users.id),
    reviewComment: text('review_comment'),
    resultRevisionId: integer('result_revision_id').references((): AnySQLiteColumn => revisions.id),
    /** The table import that sent this proposal to the review queue, so the queue can show its proposals together. */
    importId: integer('import_id').references((): AnySQLiteColumn => imports.id),
    /** The changeset this cell's proposal belongs to, if it came in one. */
    changesetId: integer('changeset_id').references((): AnySQLiteColumn => changesets.id),
    /**
     * The value is for the release its changeset proposes: until that release
     * exists it sits on the release the new one carries values over from, and
     * approving the release moves it there.
     */
    forNewRelease: integer('for_new_release', { mode: 'boolean' }).notNull().default(false),
    /** Set when the author resubmitted after a moderator asked for changes: the queue says "updated after feedback". */
    resubmittedAt: text('resubmitted_at'),
    /** A trusted contributor's proposal that published at once; a moderator patrols it afterwards. */
    publishedWithoutReview: integer('published_without_review', { mode: 'boolean' }).notNull().default(false),
    patrolledAt: text('patrolled_at'),
    patrolledById: integer('patrolled_by_id').references(() => users.id),
    createdAt: createdAt(),
    decidedAt: text('decided_at'),
  },
  (t) => [
    index('proposals_import').on(t.importId),
    index('proposals_changeset').on(t.changesetId),
    index('proposals_unpatrolled').on(t.publishedWithoutReview, t.patrolledAt),
    index('proposals_status_created').on(t.status, t.createdAt),
    // The review queue's count, read for a moderator on every request (the user menu): an index-only count.
    index('proposals_status_changeset').on(t.status, t.changesetId),
    index('proposals_author_status').on(t.authorId, t.status),
    index('proposals_cell_status').on(t.meshVersionId, t.featureId, t.status),
  ],
);

export const changesetStatuses = ['pending', 'changes_requested', 'decided', 'withdrawn'] as const;
export type ChangesetStatus = (typeof changesetStatuses)[number];

/**
 * One submission that changes many cells (an edit summary such as "Istio 1.24
 * release notes"), optionally proposing a new release first. Each changed cell
 * is an ordinary proposal pointing here; the changeset holds what they share.
 */
export const changesets = sqliteTable(
  'changesets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    sources: text('sources', { mode: 'json' }).$type<Source[]>().notNull(),
    rationale: text('rationale').notNull().default(''),
    affiliated: integer('affiliated', { mode: 'boolean' }).notNull().default(false),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: changesetStatuses }).notNull().default('pending'),
    /** The mesh a new release is proposed for (with the label); null when the changeset changes existing releases only. */
    releaseMeshId: integer('release_mesh_id').references(() => meshes.id),
    releaseLabel: text('release_label'),
    releasedOn: text('released_on'),
    releasedOnSourceUrl: text('released_on_source_url'),
    releaseNotesUrl: text('release_notes_url'),
    /** What a moderator decided about the proposed release; null while it waits. */
    releaseDecision: text('release_decision', { enum: ['created', 'rejected'] }),
    /** The release approving the changeset created. */
    createdReleaseId: integer('created_release_id').references(() => meshVersions.id),
    /** The table import that sent it to review. */
    importId: integer('import_id').references((): AnySQLiteColumn => imports.id),
    reviewerId: integer('reviewer_id').references(() => users.id),
    resubmittedAt: text('resubmitted_at'),
    createdAt: createdAt(),
    decidedAt: text('decided_at'),
  },
  (t) => [index('changesets_status_created').on(t.status, t.createdAt), index('changesets_author').on(t.authorId)],
);

/**
 * A moderator's request for changes on a proposal or a changeset, and the
 * version it was about: `previous` keeps what the author sent before editing,
 * so the earlier version stays visible after the resubmission.
 */
export const feedbackRounds = sqliteTable(
  'feedback_rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    proposalId: integer('proposal_id').references(() => proposals.id),
    changesetId: integer('changeset_id').references(() => changesets.id),
    moderatorId: integer('moderator_id')
      .notNull()
      .references(() => users.id),
    comment: text('comment').notNull(),
    requestedAt: text('requested_at').notNull(),
    previous: text('previous', { mode: 'json' }).$type<Record<string, unknown>>(),
    resubmittedAt: text('resubmitted_at'),
  },
  (t) => [index('feedback_rounds_proposal').on(t.proposalId), index('feedback_rounds_changeset').on(t.changesetId)],
);

export const commentTargets = ['proposal', 'changeset', 'cell', 'row'] as const;
export type CommentTarget = (typeof commentTargets)[number];

/** Discussion: on a proposal, a changeset, a cell (its talk thread) or a row. Hidden, never deleted. */
export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    target: text('target', { enum: commentTargets }).notNull(),
    proposalId: integer('proposal_id').references(() => proposals.id),
    changesetId: integer('changeset_id').references(() => changesets.id),
    meshVersionId: integer('mesh_version_id').references(() => meshVersions.id),
    featureId: integer('feature_id').references(() => features.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    hiddenAt: text('hidden_at'),
    hiddenById: integer('hidden_by_id').references(() => users.id),
    hiddenReason: text('hidden_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('comments_proposal').on(t.proposalId),
    index('comments_changeset').on(t.changesetId),
    index('comments_cell').on(t.meshVersionId, t.featureId),
    index('comments_feature').on(t.featureId),
    index('comments_author_created').on(t.authorId, t.createdAt),
    index('comments_created').on(t.createdAt),
  ],
);

/**
 * What a user follows: a mesh (meshId), a row (featureId) or one cell
 * (meshVersionId and featureId). `key` names it ("mesh:3", "row:7",
 * "cell:12:7") so a user follows each thing once.
 */
export const watches = sqliteTable(
  'watches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    meshId: integer('mesh_id').references(() => meshes.id),
    meshVersionId: integer('mesh_version_id').references(() => meshVersions.id),
    featureId: integer('feature_id').references(() => features.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('watches_user_key').on(t.userId, t.key), index('watches_key').on(t.key)],
);

/** Site settings an admin changes at run time (the trusted-contributor threshold). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedById: integer('updated_by_id').references(() => users.id),
  updatedAt: text('updated_at').notNull().default(now),
});

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_events_object').on(t.objectType, t.objectId),
    index('audit_events_actor').on(t.actorId),
    index('audit_events_created').on(t.createdAt),
  ],
);

/**
 * Names a comparison table uses for a mesh or a row ("Traefik Mesh (formerly
 * Maesh)", "Multi-Cluster Mesh"), so the next import of that table maps them
 * without asking. `key` is the name as the importer compares names (case,
 * accents and punctuation ignored); one key names one mesh and one row at most.
 */
export const importAliases = sqliteTable(
  'import_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    target: text('target', { enum: ['mesh', 'feature'] }).notNull(),
    meshId: integer('mesh_id').references(() => meshes.id),
    featureId: integer('feature_id').references(() => features.id),
    name: text('name').notNull(),
    key: text('key').notNull(),
    createdById: integer('created_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('import_aliases_target_key').on(t.target, t.key),
    index('import_aliases_mesh').on(t.meshId),
    index('import_aliases_feature').on(t.featureId),
    check(
      'import_aliases_one_target',
      sql`(${t.target} = 'mesh' AND ${t.meshId} IS NOT NULL AND ${t.featureId} IS NULL) OR (${t.target} = 'feature' AND ${t.featureId} IS NOT NULL AND ${t.meshId} IS NULL)`,
    ),
  ],
);

/** One run of the table importer that wrote something: a single table, or one version of a table's history. */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceUrl: text('source_url').notNull(),
    sourceTitle: text('source_title'),
    /** `YYYY-MM-DD`: the date the table says it is from. */
    tableDate: text('table_date').notNull(),
    mode: text('mode', { enum: importModes }).notNull(),
    /** Set when the run is one version of a history replay (the manifest's file name); resuming skips finished versions. */
    series: text('series'),
    actorId: integer('actor_id').references(() => users.id),
    revisions: integer('revisions').notNull().default(0),
    proposals: integer('proposals').notNull().default(0),
    releases: integer('releases').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('imports_source').on(t.sourceUrl), index('imports_created').on(t.createdAt)],
);

/** Small key/value facts about the database itself (seed version). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export type Mesh = typeof meshes.$inferSelect;
export type MeshVersion = typeof meshVersions.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type Feature = typeof features.$inferSelect;
export type Revision = typeof revisions.$inferSelect;
export type NewRevision = typeof revisions.$inferInsert;
export type Proposal = typeof proposals.$inferSelect;
export type User = typeof users.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type ImportAlias = typeof importAliases.$inferSelect;
export type ImportRun = typeof imports.$inferSelect;
export type Changeset = typeof changesets.$inferSelect;
export type FeedbackRound = typeof feedbackRounds.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type Watch = typeof watches.$inferSelect;
