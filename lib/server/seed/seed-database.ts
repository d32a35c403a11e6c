import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { appendRevision, getCellHead } from '@/lib/server/cells/cells';
import { correctionNote } from '@/lib/rules/value-rules';
import { releaseOfVersion } from '@/lib/rules/versions';
import type { Queryable } from '@/db/client';
import {
  categories,
  features,
  importAliases,
  meshAliases,
  meshes,
  meshVersions,
  meta,
  type Mesh,
  type Source,
} from '@/db/schema';
import { nameKey } from '@/lib/rules/tables/names';
import { parseTable } from '@/lib/rules/tables/parse-table';
import { readManifest, type ManifestVersion } from '@/lib/server/import/read-manifest';
import { writeHistoryVersion } from '@/lib/server/import/import-history';
import { createRelease } from '@/lib/server/releases/releases';
import { placeUnnamedValue } from '@/lib/rules/release-labels';
import { articles } from '@/db/seed/articles';
import { meshes as seedMeshes } from '@/db/seed/meshes';
import { releases as seedReleases } from '@/db/seed/releases';
import { categories as seedCategories } from '@/db/seed/taxonomy';
import type { SeedArticle, SeedValue } from '@/db/seed/types';
import { articleValues } from '@/db/seed/values/index';
import { SEED_NAMES_VERSION, SEED_VERSION } from '@/db/seed/version';

/** The servicemesh.es table after each of its 107 changes (CC BY 4.0), vendored beside the curated data. */
export const TABLE_HISTORY_MANIFEST = path.join(process.cwd(), 'db', 'seed', 'servicemesh-es', 'manifest.json');
const TABLE_HISTORY_TITLE = 'servicemesh.es comparison table, CC BY 4.0 INNOQ and the servicemesh.es contributors';

export function articleTimestamp(published: string): string {
  const [year, month = '01', day = '01'] = published.split('-');
  return `${year}-${month}-${day}T00:00:00.000Z`;
}

export function articleSource(article: SeedArticle): Source {
  const title = article.title.startsWith(article.publisher) ? article.title : `${article.publisher}: ${article.title}`;
  return { url: article.url, title: `${title} (${article.published})` };
}

export interface SeedResult {
  seeded: boolean;
  revisions: number;
}

type SeedStep = { at: string; article: SeedArticle } | { at: string; version: ManifestVersion };

/** The five articles and the table's versions, oldest first; an article dated to the month or year comes before a table version of the same instant. */
export function seedSteps(history: ManifestVersion[]): SeedStep[] {
  const steps: SeedStep[] = [
    ...articles.map((article) => ({ at: articleTimestamp(article.published), article })),
    ...history.map((version) => ({ at: new Date(version.committedAt).toISOString(), version })),
  ];
  return steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 'article' in a ? -1 : 'article' in b ? 1 : 0));
}

/**
 * Loads the curated data set: the structure, then the five articles and the
 * servicemesh.es table's history merged oldest first, so each cell's history
 * reads forward in time and every value lands on the release current when
 * its source said it. The table goes through the history importer, the
 * articles through createRelease and appendRevision, as any other write.
 * Runs inside the caller's transaction; a database that already holds a
 * seed is left untouched.
 */
export function seedDatabase(tx: Queryable, options: { history?: ManifestVersion[] } = {}): SeedResult {
  const done = tx.select().from(meta).where(eq(meta.key, 'seed_version')).get();
  if (done) return { seeded: false, revisions: 0 };

  insertSeedStructure(tx);
  const history = options.history ?? readManifest(TABLE_HISTORY_MANIFEST);
  let revisionCount = 0;
  for (const step of seedSteps(history)) {
    revisionCount += 'article' in step ? seedArticle(tx, step.article) : seedTableVersion(tx, step.version);
  }
  tx.insert(meta).values({ key: 'seed_version', value: SEED_VERSION }).run();
  return { seeded: true, revisions: revisionCount };
}

function insertSeedStructure(tx: Queryable): void {
  const firstArticle = articles[0]!;
  for (const [index, mesh] of seedMeshes.entries()) {
    tx.insert(meshes)
      .values({
        slug: mesh.slug,
        name: mesh.name,
        homepage: mesh.homepage ?? null,
        repository: mesh.repository ?? null,
        description: mesh.description,
        status: mesh.status,
        statusNote: mesh.statusNote ?? null,
        statusSourceUrl: mesh.statusSourceUrl ?? null,
        position: index + 1,
        createdAt: articleTimestamp(firstArticle.published),
      })
      .onConflictDoNothing()
      .run();
    const meshId = tx.select({ id: meshes.id }).from(meshes).where(eq(meshes.slug, mesh.slug)).get()!.id;
    for (const alias of mesh.formerNames ?? []) {
      tx.insert(meshAliases).values({ meshId, slug: alias.slug, name: alias.name }).onConflictDoNothing().run();
    }
  }
  // Categories and rows, with the table's own names for them and the meshes ("Linkerd 2", "ffic Split"), before its first version is read.
  seedImportNames(tx, { force: true });
}

function seedTableVersion(tx: Queryable, version: ManifestVersion): number {
  const report = writeHistoryVersion(tx, parseTable(version.table), version, {
    actorId: null,
    title: TABLE_HISTORY_TITLE,
    choices: {},
    via: 'seed',
  });
  const unplaced = report.columns.filter((c) => !c.mesh).length + report.rows.filter((r) => !r.row).length;
  if (report.problems.length > 0 || unplaced > 0) {
    const lines = [
      ...report.problems.map((p) => p.message),
      ...report.columns.filter((c) => !c.mesh).map((c) => `column ${c.heading} not placed`),
      ...report.rows.filter((r) => !r.row).map((r) => `row ${r.heading} not placed`),
    ];
    throw new Error(`Seed: ${version.file} does not import cleanly: ${lines.slice(0, 5).join('; ')}`);
  }
  return report.written ? report.changes.length : 0;
}

function meshOf(tx: Queryable, slug: string): Mesh {
  const mesh = tx.select().from(meshes).where(eq(meshes.slug, slug)).get();
  if (!mesh) throw new Error(`Seed data names unknown mesh "${slug}"`);
  return mesh;
}

/** A release by label, created as of `createdAt` (carrying its predecessor's values) when no source named it before. */
function ensureRelease(tx: Queryable, mesh: Mesh, label: string, createdAt: string): number {
  const found = tx
    .select({ id: meshVersions.id })
    .from(meshVersions)
    .where(and(eq(meshVersions.meshId, mesh.id), eq(meshVersions.label, label)))
    .get();
  if (found) return found.id;
  const named = seedReleases.find((r) => r.mesh === mesh.slug && r.label === label);
  return createRelease(
    tx,
    mesh,
    { label, releasedOn: named?.releasedOn ?? null },
    null,
    createdAt,
    { via: 'seed' },
    { carryAsOfCreation: true },
  ).version.id;
}

/**
 * Where a value whose source names no release goes: the release current for
 * the mesh at the source's date (the newest one a source had named by then),
 * else a release labelled by the date, never an older named one and never one
 * labelled by another date.
 */
function releaseAt(tx: Queryable, mesh: Mesh, createdAt: string): { versionId: number; inferred: boolean } {
  const known = tx.select().from(meshVersions).where(eq(meshVersions.meshId, mesh.id)).all();
  const placed = placeUnnamedValue(known, releaseOfVersion, createdAt);
  if ('create' in placed) return { versionId: ensureRelease(tx, mesh, placed.create, createdAt), inferred: false };
  return { versionId: placed.release.id, inferred: placed.inferred };
}

function seedArticle(tx: Queryable, article: SeedArticle): number {
  const createdAt = articleTimestamp(article.published);
  const articleSources = [articleSource(article)];
  const values: SeedValue[] = articleValues.find((a) => a.article === article.key)?.values ?? [];
  const featureIds = new Map(
    tx
      .select({ id: features.id, slug: features.slug })
      .from(features)
      .all()
      .map((f) => [f.slug, f.id]),
  );
  // The releases the article names exist before any of its values is placed, so an inferred value never lands on an older one.
  for (const release of seedReleases.filter((r) => r.namedBy === article.key))
    ensureRelease(tx, meshOf(tx, release.mesh), release.label, createdAt);
  let written = 0;
  for (const value of values) {
    const mesh = meshOf(tx, value.mesh);
    const featureId = featureIds.get(value.feature);
    if (featureId === undefined) throw new Error(`Seed data names unknown row "${value.feature}"`);
    const target = value.version
      ? { versionId: ensureRelease(tx, mesh, value.version, createdAt), inferred: false }
      : releaseAt(tx, mesh, createdAt);
    const correction = correctionNote(getCellHead(tx, target.versionId, featureId), {
      support: value.support ?? null,
      text: value.text ?? null,
      note: value.note ?? null,
      createdAt,
    });
    appendRevision(tx, {
      meshVersionId: target.versionId,
      featureId,
      support: value.support ?? null,
      text: value.text ?? null,
      note: value.note ?? null,
      sources: [...articleSources, ...(value.links ?? []).map((l) => ({ url: l.url, title: l.title ?? null }))],
      kind: 'seed',
      releaseInferred: target.inferred,
      reason: correction,
      createdAt,
    });
    written++;
  }
  return written;
}

/**
 * The rows and remembered names the curated tables need (servicemesh.es
 * history and the articles: "Linkerd 2", "Multi-Cluster Mesh"), so importing
 * them asks nothing. Runs once per SEED_NAMES_VERSION, also on databases
 * seeded before these names existed; an alias an admin removed afterwards
 * stays removed.
 */
export function seedImportNames(tx: Queryable, options: { force?: boolean } = {}): number {
  const done = tx.select().from(meta).where(eq(meta.key, 'seed_names_version')).get();
  if (!options.force && done && Number(done.value) >= Number(SEED_NAMES_VERSION)) return 0;
  let added = 0;
  for (const category of seedCategories) {
    tx.insert(categories)
      .values({ slug: category.slug, name: category.name, position: seedCategories.indexOf(category) + 1 })
      .onConflictDoNothing()
      .run();
    const categoryId = tx
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.slug, category.slug))
      .get()!.id;
    category.features.forEach((feature, fi) => {
      tx.insert(features)
        .values({
          categoryId,
          slug: feature.slug,
          name: feature.name,
          definition: feature.definition,
          referenceUrl: feature.referenceUrl ?? null,
          kind: feature.kind,
          position: fi + 1,
        })
        .onConflictDoNothing()
        .run();
      const featureId = tx.select({ id: features.id }).from(features).where(eq(features.slug, feature.slug)).get()!.id;
      for (const name of feature.aliases ?? []) {
        added += tx
          .insert(importAliases)
          .values({ target: 'feature', featureId, name, key: nameKey(name) })
          .onConflictDoNothing()
          .run().changes;
      }
    });
  }
  for (const mesh of seedMeshes) {
    const meshId = tx.select({ id: meshes.id }).from(meshes).where(eq(meshes.slug, mesh.slug)).get()?.id;
    if (meshId === undefined) continue;
    for (const name of mesh.otherNames ?? []) {
      added += tx
        .insert(importAliases)
        .values({ target: 'mesh', meshId, name, key: nameKey(name) })
        .onConflictDoNothing()
        .run().changes;
    }
  }
  tx.insert(meta)
    .values({ key: 'seed_names_version', value: SEED_NAMES_VERSION })
    .onConflictDoUpdate({ target: meta.key, set: { value: SEED_NAMES_VERSION } })
    .run();
  return added;
}
