import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import { revisionKinds, supportLevels, type Source } from '@/db/schema';
import { getDb } from '../db';
import { DATA_LICENCE } from './csv';

/*
 * The full data set as one JSON document (`/api/v1/dump.json`): meshes with their releases and former names,
 * categories with their rows, and every revision with its sources, author and approver as the site shows them
 * (display names only: no e-mail addresses, no user ids). lib/server/exports/load-dump.ts reads it back into an
 * empty database.
 */

export const DUMP_FORMAT = 'mesh-matrix-dump';
export const DUMP_FORMAT_VERSION = 1;
export const DATA_ATTRIBUTION =
  'Mesh Matrix contributors, and the sources each revision lists; link to the cell page (/meshes/{mesh}/{release}/{row}) where you show a value.';

/** `/api/v1/dump.json` takes no parameters; any given is refused by name like elsewhere in the API. */
export const dumpQuerySchema = z.object({}).strict();

const REVISIONS_PER_CHUNK = 1000;

const nullableText = z.string().nullable();
const timestamp = z.string().min(1).max(40);
const httpUrl = z
  .string()
  .max(2000)
  .regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL');

const idSchema = z.number().int().positive();

const releaseSchema = z
  .object({
    id: idSchema,
    label: z.string().min(1).max(40),
    releasedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-05-31')
      .nullable(),
    releaseNotesUrl: nullableText,
    createdAt: timestamp,
  })
  .strict();

const meshSchema = z
  .object({
    id: idSchema,
    slug: z.string().min(1).max(80),
    name: z.string().min(1),
    homepage: nullableText,
    repository: nullableText,
    description: z.string(),
    status: z.enum(['active', 'archived']),
    statusNote: nullableText,
    statusSourceUrl: nullableText,
    position: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
    formerNames: z.array(z.object({ slug: z.string().min(1), name: z.string().min(1) }).strict()),
    releases: z.array(releaseSchema),
  })
  .strict();

const rowSchema = z
  .object({
    id: idSchema,
    slug: z.string().min(1).max(80),
    name: z.string().min(1),
    definition: z.string(),
    referenceUrl: nullableText,
    kind: z.enum(['support', 'text']),
    position: z.number().int(),
    status: z.enum(['active', 'retired']),
    createdAt: timestamp,
  })
  .strict();

const categorySchema = z
  .object({
    id: idSchema,
    slug: z.string().min(1).max(80),
    name: z.string().min(1),
    position: z.number().int(),
    status: z.enum(['active', 'retired']),
    createdAt: timestamp,
    rows: z.array(rowSchema),
  })
  .strict();

const revisionSchema = z
  .object({
    id: z.number().int().positive(),
    mesh: z.string().min(1),
    release: z.string().min(1),
    row: z.string().min(1),
    kind: z.enum(revisionKinds),
    support: z.enum(supportLevels).nullable(),
    text: nullableText,
    note: nullableText,
    sources: z.array(z.object({ url: httpUrl, title: nullableText }).strict()).min(1, 'must list at least one source'),
    author: nullableText,
    approver: nullableText,
    parentRevisionId: z.number().int().positive().nullable(),
    carriedFromRevisionId: z.number().int().positive().nullable(),
    reason: nullableText,
    releaseInferred: z.boolean(),
    createdAt: timestamp,
  })
  .strict();

/** What `npm run db:load-dump` accepts: exactly what the dump writes. */
export const dumpSchema = z
  .object({
    format: z.literal(DUMP_FORMAT, { error: `must be "${DUMP_FORMAT}"` }),
    formatVersion: z.literal(DUMP_FORMAT_VERSION, { error: `must be ${DUMP_FORMAT_VERSION}` }),
    licence: z.string(),
    attribution: z.string(),
    generatedAt: timestamp,
    dataVersion: z.string(),
    meshes: z.array(meshSchema),
    categories: z.array(categorySchema),
    revisions: z.array(revisionSchema),
  })
  .strict();

export type Dump = z.infer<typeof dumpSchema>;
export type DumpRevision = z.infer<typeof revisionSchema>;

interface RevisionRow {
  id: number;
  mesh: string;
  release: string;
  row: string;
  kind: DumpRevision['kind'];
  support: DumpRevision['support'];
  text: string | null;
  note: string | null;
  sources: string;
  author: string | null;
  approver: string | null;
  parentRevisionId: number | null;
  carriedFromRevisionId: number | null;
  reason: string | null;
  releaseInferred: number;
  createdAt: string;
}

function readMeshes(q: Queryable): Dump['meshes'] {
  const meshRows = q.all<Omit<Dump['meshes'][number], 'formerNames' | 'releases'>>(sql`
    SELECT id, slug, name, homepage, repository, description, status, status_note AS statusNote,
           status_source_url AS statusSourceUrl, position, created_at AS createdAt,
           updated_at AS updatedAt
    FROM meshes ORDER BY position, id`);
  const aliases = q.all<{ meshId: number; slug: string; name: string }>(
    sql`SELECT mesh_id AS meshId, slug, name FROM mesh_aliases ORDER BY id`,
  );
  const releases = q.all<Dump['meshes'][number]['releases'][number] & { meshId: number }>(sql`
    SELECT id, mesh_id AS meshId, label, released_on AS releasedOn, release_notes_url AS releaseNotesUrl,
           created_at AS createdAt
    FROM mesh_versions ORDER BY id`);
  return meshRows.map((mesh) => ({
    ...mesh,
    formerNames: aliases.filter((a) => a.meshId === mesh.id).map(({ slug, name }) => ({ slug, name })),
    releases: releases
      .filter((r) => r.meshId === mesh.id)
      .map((r) => ({
        id: r.id,
        label: r.label,
        releasedOn: r.releasedOn,
        releaseNotesUrl: r.releaseNotesUrl,
        createdAt: r.createdAt,
      })),
  }));
}

function readCategories(q: Queryable): Dump['categories'] {
  const categoryRows = q.all<Omit<Dump['categories'][number], 'rows'>>(sql`
    SELECT id, slug, name, position, status, created_at AS createdAt FROM categories ORDER BY position, id`);
  const rows = q.all<Dump['categories'][number]['rows'][number] & { categoryId: number }>(sql`
    SELECT id, category_id AS categoryId, slug, name, definition, reference_url AS referenceUrl, kind, position, status,
           created_at AS createdAt
    FROM features ORDER BY position, id`);
  return categoryRows.map((category) => ({
    ...category,
    rows: rows
      .filter((r) => r.categoryId === category.id)
      .map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        definition: r.definition,
        referenceUrl: r.referenceUrl,
        kind: r.kind,
        position: r.position,
        status: r.status,
        createdAt: r.createdAt,
      })),
  }));
}

function readRevisionPage(q: Queryable, afterId: number, upToId: number): DumpRevision[] {
  const rows = q.all<RevisionRow>(sql`
    SELECT r.id, m.slug AS mesh, v.label AS release, f.slug AS row, r.kind, r.support, r.text, r.note, r.sources,
           author.name AS author, approver.name AS approver, r.parent_revision_id AS parentRevisionId,
           r.carried_from_revision_id AS carriedFromRevisionId, r.reason, r.release_inferred AS releaseInferred,
           r.created_at AS createdAt
    FROM revisions r
    JOIN mesh_versions v ON v.id = r.mesh_version_id
    JOIN meshes m ON m.id = v.mesh_id
    JOIN features f ON f.id = r.feature_id
    LEFT JOIN users author ON author.id = r.author_id
    LEFT JOIN users approver ON approver.id = r.approver_id
    WHERE r.id > ${afterId} AND r.id <= ${upToId}
    ORDER BY r.id
    LIMIT ${REVISIONS_PER_CHUNK}`);
  return rows.map((row) => ({
    ...row,
    sources: (JSON.parse(row.sources) as Source[]).map((s) => ({ url: s.url, title: s.title ?? null })),
    releaseInferred: row.releaseInferred === 1,
  }));
}

/** The data version a dump is read at (lib/next/http-cache.ts `readDataVersion`): its `dataVersion` and `generatedAt`. */
export interface DumpVersion {
  tag: string;
  /** When the newest write happened, in milliseconds since the epoch (0 for an empty database). */
  writtenAt: number;
}

/**
 * The dump as a sequence of JSON text pieces, each read from the database when asked for, so the revisions never sit
 * in memory at once. Revisions are read a page at a time by id, up to the newest revision when the dump started
 * (revisions are append-only, so later pages cannot change under it); no statement stays open between pages, so other
 * requests share the connection meanwhile.
 */
export function streamDump(version: DumpVersion, q: Queryable = getDb()): Generator<string, void, undefined> {
  const upToId = q.get<{ id: number | null }>(sql`SELECT max(id) AS id FROM revisions`)?.id ?? 0;
  return chunks();
  function* chunks(): Generator<string, void, undefined> {
    const head = {
      format: DUMP_FORMAT,
      formatVersion: DUMP_FORMAT_VERSION,
      licence: DATA_LICENCE,
      attribution: DATA_ATTRIBUTION,
      generatedAt: new Date(version.writtenAt).toISOString(),
      dataVersion: version.tag,
      meshes: readMeshes(q),
      categories: readCategories(q),
    };
    const open = JSON.stringify(head);
    yield `${open.slice(0, -1)},"revisions":[`;
    let afterId = 0;
    let first = true;
    for (;;) {
      const page = readRevisionPage(q, afterId, upToId);
      if (page.length === 0) break;
      const text = page.map((revision) => JSON.stringify(revision)).join(',\n');
      yield `${first ? '\n' : ',\n'}${text}`;
      first = false;
      afterId = page[page.length - 1]!.id;
    }
    yield '\n]}\n';
  }
}
