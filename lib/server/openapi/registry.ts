import 'server-only';
import { z } from 'zod';
import { proposeChangeset, withdrawChangeset } from '../changesets/changesets';
import { approveChangesetBodySchema, rejectChangesetBodySchema, requestChangesBodySchema } from '../changesets/schemas';
import { addComment, hideComment, unhideComment } from '../comments/comments';
import { listCommentsQuerySchema } from '../comments/schemas';
import { dumpQuerySchema } from '../exports/dump';
import {
  csvQuerySchema,
  feedQuerySchema,
  matrixQuerySchema,
  releaseDiffQuerySchema,
  statsQuerySchema,
} from '../matrix/query-schemas';
import { patrolProposal } from '../patrol/patrol';
import { listPatrolQuerySchema } from '../patrol/schemas';
import { proposeCellChange, withdrawProposal } from '../proposals/proposals';
import { approveProposal, rejectProposal, revertCell } from '../proposals/review';
import { listProposalsQuerySchema } from '../proposals/schemas';
import { unwatchTarget, watchTarget } from '../watches/watches';
import { noQuerySchema as watchesNoQuerySchema } from '../watches/schemas';
import { noQuerySchema as pageNoQuerySchema } from '../../rules/page-queries';
import { releaseLabelSchema, slugSchema } from '../../rules/validation';
import { badgeQuerySchema, embedCompareQuerySchema, embedMeshQuerySchema, embedPathSchemas } from '../embeds/schemas';
import { openApiQuerySchema } from './query-schema';

/**
 * Every route handler (and the framable embed pages), described once: the OpenAPI document
 * (`/api/v1/openapi.json`) and the `/api` page are both generated from this list, and the query and body schemas
 * in it are the objects the handlers parse with, so the description cannot say one thing while a handler checks
 * another. tests/integration/openapi.test.ts fails when a route handler under app/ is missing here.
 */

/** Who may call an operation. */
export type Access = 'public' | 'signed-in' | 'contributor' | 'moderator' | 'feed-secret';

export const accessLabels: Record<Access, string> = {
  public: 'anyone',
  'signed-in': 'signed in',
  contributor: 'signed in, not banned',
  moderator: 'moderator or admin',
  'feed-secret': 'the secret in the URL',
};

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

export interface Operation {
  method: 'GET' | 'POST' | 'DELETE';
  summary: string;
  access: Access;
  /** The schema the handler parses its query string with. */
  query?: z.ZodType;
  /** How a query parameter is written, where its type alone does not say (a comma-separated list). */
  queryNotes?: Record<string, string>;
  /** The schema the handler (or its command) parses the JSON body with. */
  body?: z.ZodType;
  /** Body fields the handler takes from the URL instead (the URL wins): left out of the documented body. */
  urlFields?: readonly string[];
  success: { status: number; contentType: string; description: string };
  /** ETag / Last-Modified on the data version, 304 on a match. */
  conditional?: boolean;
  errors: readonly ErrorStatus[];
}

export interface RouteEntry {
  /** The folder under app/ (`app/<route>/route.ts` or an embed's `page.tsx`). */
  route: string;
  /** The OpenAPI path: `{name}` for each dynamic segment. */
  path: string;
  group: string;
  pathParams?: Record<string, { schema: z.ZodType; description: string }>;
  operations: readonly Operation[];
}

const JSON_TYPE = 'application/json';
const ATOM_TYPE = 'application/atom+xml';
const READ_ERRORS = [400, 404, 429, 503] as const;
const WRITE_ERRORS = [400, 401, 403, 404, 409, 413, 415, 429, 503] as const;

const idParam = (what: string) => ({
  schema: z.string().regex(/^[1-9][0-9]{0,11}$/),
  description: `The ${what}'s id: a positive whole number.`,
});
const meshParam = { schema: slugSchema, description: "The mesh's slug, for example `istio`." };
const versionParam = { schema: releaseLabelSchema, description: 'The release label, for example `1.16.1`.' };
const featureParam = { schema: slugSchema, description: "The row's slug, for example `mtls`." };

const listNote = 'A comma-separated list in one parameter (a repeated parameter is refused).';

/** A JSON write: same-origin `Origin`, `Content-Type: application/json`, at most 64 KB. */
function write(
  summary: string,
  access: Access,
  body: z.ZodType,
  success: { status: number; description: string },
  urlFields?: readonly string[],
): Operation {
  return {
    method: 'POST',
    summary,
    access,
    body,
    urlFields,
    success: { ...success, contentType: JSON_TYPE },
    errors: WRITE_ERRORS,
  };
}

type ReadOperation = Omit<Operation, 'method' | 'access' | 'errors' | 'success'> & {
  access?: Access;
  errors?: readonly ErrorStatus[];
  success: Omit<Operation['success'], 'status'> & { status?: number };
};

/** A GET: anyone may call it, it answers 200, and it fails only as reads do, unless the entry says otherwise. */
function read(operation: ReadOperation): Operation {
  return {
    method: 'GET',
    access: 'public',
    errors: READ_ERRORS,
    ...operation,
    success: { status: 200, ...operation.success },
  };
}

export const routeRegistry: readonly RouteEntry[] = [
  {
    route: 'api/v1/matrix',
    path: '/api/v1/matrix',
    group: 'Matrix and exports',
    operations: [
      read({
        summary: 'The matrix: the newest release of every active mesh (or the ones named), optionally as of a date.',
        query: matrixQuerySchema,
        queryNotes: {
          meshes: `Mesh slugs. ${listNote}`,
          versions: `Releases as mesh@label, for example istio@1.3. ${listNote}`,
          at: 'A past date, YYYY-MM-DD: the matrix as it stood then.',
        },
        success: { contentType: JSON_TYPE, description: 'Meshes, categories with rows, and cells.' },
        conditional: true,
      }),
    ],
  },
  {
    route: 'api/v1/matrix.csv',
    path: '/api/v1/matrix.csv',
    group: 'Matrix and exports',
    operations: [
      read({
        summary: 'Every cell of every release as CSV, one line per mesh, release and active row.',
        query: csvQuerySchema,
        queryNotes: { meshes: `Mesh slugs. ${listNote}` },
        success: { contentType: 'text/csv', description: 'CSV with a header line.' },
        conditional: true,
      }),
    ],
  },
  {
    route: 'api/v1/dump.json',
    path: '/api/v1/dump.json',
    group: 'Matrix and exports',
    operations: [
      read({
        summary:
          'The whole data set: meshes, releases, categories and rows, and every revision with its sources, with the licence.',
        query: dumpQuerySchema,
        success: {
          status: 200,
          contentType: JSON_TYPE,
          description: 'Streamed JSON, gzip-encoded when asked; load it with `npm run db:load-dump`.',
        },
        conditional: true,
      }),
    ],
  },
  {
    route: 'api/v1/stats',
    path: '/api/v1/stats',
    group: 'Matrix and exports',
    operations: [
      read({
        summary: 'Coverage, staleness, sources and review-queue age per mesh and overall.',
        query: statsQuerySchema,
        success: { contentType: JSON_TYPE, description: 'Data quality figures.' },
        conditional: true,
      }),
    ],
  },
  {
    route: 'api/v1/meshes/[slug]/diff',
    path: '/api/v1/meshes/{slug}/diff',
    group: 'Meshes and cells',
    pathParams: { slug: meshParam },
    operations: [
      read({
        summary: "What changed between two of a mesh's releases (by default its two newest).",
        query: releaseDiffQuerySchema,
        queryNotes: { from: 'The older release label.', to: 'The newer release label.' },
        success: { contentType: JSON_TYPE, description: 'Counts and the changed rows.' },
        conditional: true,
      }),
    ],
  },
  {
    route: 'api/v1/meshes/[slug]/[version]/[feature]/history',
    path: '/api/v1/meshes/{slug}/{version}/{feature}/history',
    group: 'Meshes and cells',
    pathParams: { slug: meshParam, version: versionParam, feature: featureParam },
    operations: [
      read({
        summary: "A cell's every revision, newest first, with sources, author and approver.",
        success: { contentType: JSON_TYPE, description: 'The cell and its revisions.' },
        conditional: true,
        errors: [404, 429, 503],
      }),
    ],
  },
  {
    route: 'api/v1/meshes/[slug]/[version]/[feature]/revert',
    path: '/api/v1/meshes/{slug}/{version}/{feature}/revert',
    group: 'Meshes and cells',
    pathParams: { slug: meshParam, version: versionParam, feature: featureParam },
    operations: [
      write(
        'Reverts a cell to an earlier revision (appends a revert revision).',
        'moderator',
        revertCell.schema,
        { status: 200, description: 'The new revision id.' },
        ['mesh', 'version', 'feature'],
      ),
    ],
  },
  {
    route: 'api/v1/proposals',
    path: '/api/v1/proposals',
    group: 'Proposals and review',
    operations: [
      read({
        summary: "Proposals: the review queue for moderators, one's own with `mine=1`.",
        access: 'signed-in',
        query: listProposalsQuerySchema,
        success: { contentType: JSON_TYPE, description: 'The proposals.' },
        errors: [400, 401, 429, 503],
      }),
      write(
        'Proposes a new value for one cell, with sources and a rationale.',
        'contributor',
        proposeCellChange.schema,
        {
          status: 201,
          description: 'The proposal (published at once for a trusted contributor).',
        },
      ),
    ],
  },
  {
    route: 'api/v1/proposals/[id]/approve',
    path: '/api/v1/proposals/{id}/approve',
    group: 'Proposals and review',
    pathParams: { id: idParam('proposal') },
    operations: [
      write(
        'Approves a proposal: appends the revision and moves the cell.',
        'moderator',
        approveProposal.schema,
        { status: 200, description: 'The new revision id.' },
        ['id'],
      ),
    ],
  },
  {
    route: 'api/v1/proposals/[id]/reject',
    path: '/api/v1/proposals/{id}/reject',
    group: 'Proposals and review',
    pathParams: { id: idParam('proposal') },
    operations: [
      write(
        'Rejects a proposal with a reason.',
        'moderator',
        rejectProposal.schema,
        { status: 200, description: 'The decided proposal.' },
        ['id'],
      ),
    ],
  },
  {
    route: 'api/v1/proposals/[id]/request-changes',
    path: '/api/v1/proposals/{id}/request-changes',
    group: 'Proposals and review',
    pathParams: { id: idParam('proposal') },
    operations: [
      write("Asks a proposal's author for changes.", 'moderator', requestChangesBodySchema, {
        status: 200,
        description: 'The new status.',
      }),
    ],
  },
  {
    route: 'api/v1/proposals/[id]/withdraw',
    path: '/api/v1/proposals/{id}/withdraw',
    group: 'Proposals and review',
    pathParams: { id: idParam('proposal') },
    operations: [
      write(
        "Withdraws one's own pending proposal.",
        'contributor',
        withdrawProposal.schema,
        { status: 200, description: 'The withdrawn proposal.' },
        ['id'],
      ),
    ],
  },
  {
    route: 'api/v1/proposals/[id]/patrol',
    path: '/api/v1/proposals/{id}/patrol',
    group: 'Proposals and review',
    pathParams: { id: idParam('proposal') },
    operations: [
      write(
        "Marks a trusted contributor's published proposal checked, or reverts it.",
        'moderator',
        patrolProposal.schema,
        { status: 200, description: 'The patrolled proposal and any revert revision.' },
        ['id'],
      ),
    ],
  },
  {
    route: 'api/v1/patrol',
    path: '/api/v1/patrol',
    group: 'Proposals and review',
    operations: [
      read({
        summary: 'Proposals published without review that wait for a check, oldest first.',
        access: 'moderator',
        query: listPatrolQuerySchema,
        success: { contentType: JSON_TYPE, description: 'The proposals.' },
        errors: [400, 401, 403, 429, 503],
      }),
    ],
  },
  {
    route: 'api/v1/changesets',
    path: '/api/v1/changesets',
    group: 'Changesets',
    operations: [
      write(
        'Proposes many cells (and optionally a new release) under one summary.',
        'contributor',
        proposeChangeset.schema,
        { status: 201, description: 'The changeset and its proposals.' },
      ),
    ],
  },
  {
    route: 'api/v1/changesets/[id]',
    path: '/api/v1/changesets/{id}',
    group: 'Changesets',
    pathParams: { id: idParam('changeset') },
    operations: [
      read({
        summary: 'One changeset with its proposals.',
        query: pageNoQuerySchema,
        success: { contentType: JSON_TYPE, description: 'The changeset.' },
      }),
    ],
  },
  {
    route: 'api/v1/changesets/[id]/approve',
    path: '/api/v1/changesets/{id}/approve',
    group: 'Changesets',
    pathParams: { id: idParam('changeset') },
    operations: [
      write('Approves a changeset, except the proposals named.', 'moderator', approveChangesetBodySchema, {
        status: 200,
        description: 'Approved proposals, conflicts and the release.',
      }),
    ],
  },
  {
    route: 'api/v1/changesets/[id]/reject',
    path: '/api/v1/changesets/{id}/reject',
    group: 'Changesets',
    pathParams: { id: idParam('changeset') },
    operations: [
      write('Rejects a changeset, or only the proposals named.', 'moderator', rejectChangesetBodySchema, {
        status: 200,
        description: 'Rejected proposals and the release.',
      }),
    ],
  },
  {
    route: 'api/v1/changesets/[id]/request-changes',
    path: '/api/v1/changesets/{id}/request-changes',
    group: 'Changesets',
    pathParams: { id: idParam('changeset') },
    operations: [
      write("Asks a changeset's author for changes.", 'moderator', requestChangesBodySchema, {
        status: 200,
        description: 'The new status.',
      }),
    ],
  },
  {
    route: 'api/v1/changesets/[id]/withdraw',
    path: '/api/v1/changesets/{id}/withdraw',
    group: 'Changesets',
    pathParams: { id: idParam('changeset') },
    operations: [
      write(
        "Withdraws one's own pending changeset.",
        'contributor',
        withdrawChangeset.schema,
        { status: 200, description: 'The withdrawn changeset.' },
        ['id'],
      ),
    ],
  },
  {
    route: 'api/v1/comments',
    path: '/api/v1/comments',
    group: 'Discussion',
    operations: [
      read({
        summary: "A discussion thread: a proposal's, a changeset's, a cell's or a row's.",
        query: listCommentsQuerySchema,
        success: { contentType: JSON_TYPE, description: 'The comments, hidden ones without their text.' },
      }),
      write('Adds a comment to a thread.', 'contributor', addComment.schema, {
        status: 201,
        description: 'The new comment id.',
      }),
    ],
  },
  {
    route: 'api/v1/comments/[id]/hide',
    path: '/api/v1/comments/{id}/hide',
    group: 'Discussion',
    pathParams: { id: idParam('comment') },
    operations: [
      write(
        'Hides a comment with a reason.',
        'moderator',
        hideComment.schema,
        { status: 200, description: 'The hidden comment.' },
        ['id'],
      ),
    ],
  },
  {
    route: 'api/v1/comments/[id]/unhide',
    path: '/api/v1/comments/{id}/unhide',
    group: 'Discussion',
    pathParams: { id: idParam('comment') },
    operations: [
      write(
        'Shows a hidden comment again.',
        'moderator',
        unhideComment.schema,
        { status: 200, description: 'The comment.' },
        ['id'],
      ),
    ],
  },
  {
    route: 'api/v1/watches',
    path: '/api/v1/watches',
    group: 'Watchlist',
    operations: [
      read({
        summary: 'What the signed-in user follows.',
        access: 'signed-in',
        query: watchesNoQuerySchema,
        success: { contentType: JSON_TYPE, description: 'The watches.' },
        errors: [400, 401, 429, 503],
      }),
      write('Follows a mesh, a row or a cell.', 'contributor', watchTarget.schema, {
        status: 201,
        description: 'The watch (200 when it was already followed).',
      }),
    ],
  },
  {
    route: 'api/v1/watches/[id]',
    path: '/api/v1/watches/{id}',
    group: 'Watchlist',
    pathParams: { id: idParam('watch') },
    operations: [
      {
        ...write(
          'Stops following.',
          'signed-in',
          unwatchTarget.schema,
          { status: 200, description: 'The removed watch.' },
          ['id'],
        ),
        method: 'DELETE',
      },
    ],
  },
  {
    route: 'api/v1/watchlist',
    path: '/api/v1/watchlist',
    group: 'Watchlist',
    operations: [
      read({
        summary: "The signed-in user's watchlist, newest first, and how much is unread.",
        access: 'signed-in',
        query: watchesNoQuerySchema,
        success: { contentType: JSON_TYPE, description: 'The items.' },
        errors: [400, 401, 429, 503],
      }),
    ],
  },
  {
    route: 'watchlist/feed/[token]',
    path: '/watchlist/feed/{token}',
    group: 'Feeds',
    pathParams: {
      token: { schema: z.string(), description: 'The secret feed address from the watchlist page.' },
    },
    operations: [
      read({
        summary: "A user's private watchlist as an Atom feed; the secret in the URL is the credential.",
        access: 'feed-secret',
        query: watchesNoQuerySchema,
        success: { contentType: ATOM_TYPE, description: 'Atom feed.' },
      }),
    ],
  },
  {
    route: 'changes/feed.xml',
    path: '/changes/feed.xml',
    group: 'Feeds',
    operations: [
      read({
        summary: 'Recent approved changes as an Atom feed: everything, a mesh, a row or one cell.',
        query: feedQuerySchema,
        queryNotes: {
          mesh: 'A mesh slug.',
          version: 'A release label (with mesh and feature: one cell).',
          feature: 'A row slug.',
        },
        success: { contentType: ATOM_TYPE, description: 'Atom feed.' },
      }),
    ],
  },
  {
    route: 'api/v1/openapi.json',
    path: '/api/v1/openapi.json',
    group: 'About the API',
    operations: [
      read({
        summary: 'This description of the API (OpenAPI 3.1).',
        query: openApiQuerySchema,
        success: { contentType: JSON_TYPE, description: 'The OpenAPI document.' },
        conditional: true,
      }),
    ],
  },
  {
    route: 'api/health',
    path: '/api/health',
    group: 'About the API',
    operations: [
      read({
        summary: 'Liveness and a database check (503 when the database does not answer).',
        success: { contentType: JSON_TYPE, description: '`{ok: true, …}`.' },
        errors: [503],
      }),
    ],
  },
  {
    route: 'api/auth/[...nextauth]',
    path: '/api/auth/{nextauth}',
    group: 'Sign-in',
    pathParams: {
      nextauth: {
        schema: z.string(),
        description: 'The next-auth step: `signin`, `callback/…`, `session`, `csrf`, `signout`.',
      },
    },
    operations: [
      read({
        summary: "next-auth's sign-in flow (pages, provider callbacks, the session).",
        success: { contentType: JSON_TYPE, description: 'next-auth answers (JSON, HTML or redirects).' },
        errors: [429],
      }),
      {
        method: 'POST',
        summary: "next-auth's sign-in and sign-out forms (with its CSRF token).",
        access: 'public',
        success: { status: 302, contentType: 'text/html', description: 'A redirect.' },
        errors: [429],
      },
    ],
  },
  {
    route: 'embed/meshes/[slug]',
    path: '/embed/meshes/{slug}',
    group: 'Embeds and badges',
    pathParams: { slug: { schema: embedPathSchemas.slug, description: "The mesh's slug." } },
    operations: [
      read({
        summary: "A compact view of one mesh's column for an `<iframe>` on another site.",
        query: embedMeshQuerySchema,
        queryNotes: { version: 'A release label; the newest release when left out.' },
        success: { contentType: 'text/html', description: 'A self-contained page that may be framed.' },
        errors: [400, 404],
      }),
    ],
  },
  {
    route: 'embed/compare',
    path: '/embed/compare',
    group: 'Embeds and badges',
    operations: [
      read({
        summary: 'A compact side-by-side view of up to six meshes for an `<iframe>`.',
        query: embedCompareQuerySchema,
        queryNotes: { meshes: `One to six mesh slugs. ${listNote}` },
        success: { contentType: 'text/html', description: 'A self-contained page that may be framed.' },
        errors: [400, 404],
      }),
    ],
  },
  {
    route: 'badge/[mesh]/[feature]',
    path: '/badge/{mesh}/{feature}.svg',
    group: 'Embeds and badges',
    pathParams: {
      mesh: { schema: embedPathSchemas.mesh, description: "The mesh's slug." },
      feature: { schema: embedPathSchemas.feature, description: "The row's slug (the address ends in `.svg`)." },
    },
    operations: [
      read({
        summary: 'An SVG badge with a cell\'s current value ("Istio · mTLS · yes"), linking back to the cell.',
        query: badgeQuerySchema,
        success: { contentType: 'image/svg+xml', description: 'The badge.' },
        errors: [400, 404],
      }),
    ],
  },
  {
    route: 'sitemap.xml',
    path: '/sitemap.xml',
    group: 'Search engines and previews',
    operations: [
      read({
        summary: 'The sitemap index: one sitemap file per 50,000 pages.',
        query: watchesNoQuerySchema,
        success: { contentType: 'application/xml', description: 'A sitemap index.' },
      }),
    ],
  },
  {
    route: 'sitemap/[file]',
    path: '/sitemap/{file}',
    group: 'Search engines and previews',
    pathParams: {
      file: { schema: z.string(), description: 'A sitemap file named by the index, for example `0.xml`.' },
    },
    operations: [
      read({
        summary: 'One sitemap file: fixed pages, meshes, releases, rows and cells.',
        query: watchesNoQuerySchema,
        success: { contentType: 'application/xml', description: 'A sitemap.' },
      }),
    ],
  },
  {
    route: 'og/matrix.png',
    path: '/og/matrix.png',
    group: 'Search engines and previews',
    operations: [
      read({
        summary: "The matrix's link preview image (1200×630).",
        query: watchesNoQuerySchema,
        success: { contentType: 'image/png', description: 'A PNG image.' },
      }),
    ],
  },
  {
    route: 'og/meshes/[file]',
    path: '/og/meshes/{file}',
    group: 'Search engines and previews',
    pathParams: {
      file: { schema: z.string(), description: "The mesh's slug with `.png`, for example `istio.png`." },
    },
    operations: [
      read({
        summary: "A mesh's link preview image (1200×630): its newest release and support values.",
        query: watchesNoQuerySchema,
        success: { contentType: 'image/png', description: 'A PNG image.' },
      }),
    ],
  },
];
