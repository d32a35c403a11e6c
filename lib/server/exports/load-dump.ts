import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import {
  categories,
  cellHeads,
  features,
  meshAliases,
  meshes,
  meshVersions,
  meta,
  revisions,
  users,
} from '@/db/schema';
import { SEED_NAMES_VERSION, SEED_VERSION } from '@/db/seed/version';
import { defineCommand } from '../command';
import { BadRequestError, ConflictError } from '../../rules/errors';
import { allow } from '../../rules/permissions';
import { dumpSchema, type Dump } from './dump';

/** Rows per INSERT: well under SQLite's limit of bound parameters with the widest table (revisions, 16 columns). */
const BATCH = 500;

export interface LoadDumpResult {
  meshes: number;
  releases: number;
  categories: number;
  rows: number;
  revisions: number;
  people: number;
}

function refuse(field: string, problem: string): never {
  throw new BadRequestError(`${field} ${problem}`, { [field]: [problem] });
}

/** What zod cannot see: names that must be unique, and revisions that must name releases, rows and earlier revisions. */
function checkReferences(dump: Dump): void {
  const ids = {
    mesh: new Set<number>(),
    release: new Set<number>(),
    category: new Set<number>(),
    row: new Set<number>(),
  };
  const uniqueId = (kind: keyof typeof ids, id: number, field: string) => {
    if (ids[kind].has(id)) refuse(field, `repeats the ${kind} id ${id}`);
    ids[kind].add(id);
  };
  const meshSlugs = new Set<string>();
  const releaseKeys = new Set<string>();
  const formerSlugs = new Set<string>();
  dump.meshes.forEach((mesh, m) => {
    uniqueId('mesh', mesh.id, `meshes.${m}.id`);
    if (meshSlugs.has(mesh.slug)) refuse(`meshes.${m}.slug`, `repeats the mesh "${mesh.slug}"`);
    meshSlugs.add(mesh.slug);
    mesh.releases.forEach((release, r) => {
      uniqueId('release', release.id, `meshes.${m}.releases.${r}.id`);
      const key = `${mesh.slug}@${release.label}`;
      if (releaseKeys.has(key)) refuse(`meshes.${m}.releases.${r}.label`, `repeats the release "${key}"`);
      releaseKeys.add(key);
    });
    mesh.formerNames.forEach((former, f) => {
      if (formerSlugs.has(former.slug)) refuse(`meshes.${m}.formerNames.${f}.slug`, `repeats "${former.slug}"`);
      formerSlugs.add(former.slug);
    });
  });
  const categorySlugs = new Set<string>();
  const rowSlugs = new Set<string>();
  dump.categories.forEach((category, c) => {
    uniqueId('category', category.id, `categories.${c}.id`);
    if (categorySlugs.has(category.slug)) refuse(`categories.${c}.slug`, `repeats the category "${category.slug}"`);
    categorySlugs.add(category.slug);
    category.rows.forEach((row, r) => {
      uniqueId('row', row.id, `categories.${c}.rows.${r}.id`);
      if (rowSlugs.has(row.slug)) refuse(`categories.${c}.rows.${r}.slug`, `repeats the row "${row.slug}"`);
      rowSlugs.add(row.slug);
    });
  });
  const seen = new Set<number>();
  let lastId = 0;
  dump.revisions.forEach((revision, i) => {
    const at = `revisions.${i}`;
    if (revision.id <= lastId) refuse(`${at}.id`, 'must be greater than the id before it (revisions are in id order)');
    lastId = revision.id;
    if (!meshSlugs.has(revision.mesh)) refuse(`${at}.mesh`, `names no mesh of the dump ("${revision.mesh}")`);
    if (!releaseKeys.has(`${revision.mesh}@${revision.release}`))
      refuse(`${at}.release`, `names no release of ${revision.mesh} ("${revision.release}")`);
    if (!rowSlugs.has(revision.row)) refuse(`${at}.row`, `names no row of the dump ("${revision.row}")`);
    for (const field of ['parentRevisionId', 'carriedFromRevisionId'] as const) {
      const id = revision[field];
      if (id !== null && !seen.has(id)) refuse(`${at}.${field}`, `names no earlier revision of the dump (${id})`);
    }
    seen.add(revision.id);
  });
}

function insertInBatches<T>(items: readonly T[], insert: (batch: T[]) => void): void {
  for (let start = 0; start < items.length; start += BATCH) insert(items.slice(start, start + BATCH));
}

function assertEmpty(tx: Queryable): void {
  const row = tx.get<{ n: number }>(sql`
    SELECT (SELECT count(*) FROM meshes) + (SELECT count(*) FROM categories) + (SELECT count(*) FROM revisions)
         + (SELECT count(*) FROM users) AS n`);
  if ((row?.n ?? 0) > 0)
    throw new ConflictError('The database is not empty: a dump loads only into a new, migrated database.');
}

/**
 * Loads a dump (lib/server/exports/dump.ts) into an empty database, all or nothing: the same meshes, releases, rows
 * and revisions, with their ids (parents and carried values still point right, and links keep working), each cell's head on its newest
 * revision, and one account per display name for authors and approvers (a name, nothing else). The seed is marked
 * done, so starting the site on the database does not add the curated data set to it.
 */
export const loadDump = defineCommand({
  name: 'dump.load',
  authorize: allow.adminOrCommandLine,
  schema: dumpSchema,
  run: ({ input, tx, at }): LoadDumpResult => {
    checkReferences(input);
    assertEmpty(tx);

    const releaseIds = new Map<string, number>();
    for (const { formerNames, releases, ...mesh } of input.meshes) {
      tx.insert(meshes).values(mesh).run();
      for (const former of formerNames)
        tx.insert(meshAliases)
          .values({ meshId: mesh.id, ...former, createdAt: at })
          .run();
      for (const release of releases) {
        tx.insert(meshVersions)
          .values({ meshId: mesh.id, ...release })
          .run();
        releaseIds.set(`${mesh.slug}@${release.label}`, release.id);
      }
    }

    const rowIds = new Map<string, number>();
    for (const { rows, ...category } of input.categories) {
      tx.insert(categories).values(category).run();
      for (const row of rows) {
        tx.insert(features)
          .values({ ...row, categoryId: category.id })
          .run();
        rowIds.set(row.slug, row.id);
      }
    }

    const people = new Map<string, number>();
    const personId = (name: string | null) => {
      if (name === null) return null;
      let id = people.get(name);
      if (id === undefined) {
        id = tx.insert(users).values({ name, createdAt: at }).returning({ id: users.id }).get().id;
        people.set(name, id);
      }
      return id;
    };

    const heads = new Map<string, { meshVersionId: number; featureId: number; revisionId: number }>();
    insertInBatches(input.revisions, (batch) => {
      const values = batch.map(({ mesh, release, row, author, approver, ...revision }) => {
        const meshVersionId = releaseIds.get(`${mesh}@${release}`)!;
        const featureId = rowIds.get(row)!;
        heads.set(`${meshVersionId}/${featureId}`, { meshVersionId, featureId, revisionId: revision.id });
        return { ...revision, meshVersionId, featureId, authorId: personId(author), approverId: personId(approver) };
      });
      tx.insert(revisions).values(values).run();
    });
    insertInBatches([...heads.values()], (batch) =>
      tx
        .insert(cellHeads)
        .values(batch.map((head) => ({ ...head, updatedAt: at })))
        .run(),
    );

    for (const [key, value] of [
      ['seed_version', SEED_VERSION],
      ['seed_names_version', SEED_NAMES_VERSION],
    ] as const)
      tx.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();

    return {
      meshes: input.meshes.length,
      releases: releaseIds.size,
      categories: input.categories.length,
      rows: rowIds.size,
      revisions: input.revisions.length,
      people: people.size,
    };
  },
  audit: (result, { input }) => ({ objectType: 'dump', objectId: input.dataVersion, details: { ...result } }),
  changes: () => ({ everything: true }),
});
