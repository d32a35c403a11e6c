import { and, eq } from 'drizzle-orm';
import { appendRevision, carryForwardCells } from '@/lib/cells';
import { compareReleases, sortReleases, type ReleaseLike } from '@/lib/versions';
import type { Queryable } from '@/db/client';
import { categories, features, importAliases, meshAliases, meshes, meshVersions, meta, type Source } from '@/db/schema';
import { nameKey } from '@/lib/import/names';
import { articles } from '@/db/seed/articles';
import { meshes as seedMeshes } from '@/db/seed/meshes';
import { releases as seedReleases } from '@/db/seed/releases';
import { categories as seedCategories } from '@/db/seed/taxonomy';
import type { SeedArticle, SeedRelease, SeedValue } from '@/db/seed/types';
import { articleValues } from '@/db/seed/values';
import { SEED_NAMES_VERSION, SEED_VERSION } from '@/db/seed/version';

/** Bump when the curated data changes in a way existing databases should not pick up silently. */

export function articleTimestamp(published: string): string {
  const [year, month = '01', day = '01'] = published.split('-');
  return `${year}-${month}-${day}T00:00:00.000Z`;
}

export function articleSource(article: SeedArticle): Source {
  const title = article.title.startsWith(article.publisher) ? article.title : `${article.publisher}: ${article.title}`;
  return { url: article.url, title: `${title} (${article.published})` };
}

function cellKey(meshSlug: string, label: string, featureSlug: string): string {
  return `${meshSlug}@${label}/${featureSlug}`;
}

export interface SeedResult {
  seeded: boolean;
  revisions: number;
}

/**
 * Loads the curated data set, oldest article first, so each cell's history
 * reads forward in time. Runs inside the caller's transaction; a database
 * that already holds this seed version is left untouched.
 */
export function seedDatabase(tx: Queryable): SeedResult {
  const done = tx.select().from(meta).where(eq(meta.key, 'seed_version')).get();
  if (done) return { seeded: false, revisions: 0 };

  seedCategories.forEach((category, ci) => {
    tx.insert(categories).values({ slug: category.slug, name: category.name, position: ci + 1 }).onConflictDoNothing().run();
    const categoryId = tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, category.slug)).get()!.id;
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
    });
  });

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

  const meshIds = new Map(tx.select({ id: meshes.id, slug: meshes.slug }).from(meshes).all().map((m) => [m.slug, m.id]));
  const featureRows = tx.select({ id: features.id, slug: features.slug }).from(features).all();
  const featureIds = new Map(featureRows.map((f) => [f.slug, f.id]));
  const valuesByArticle = new Map(articleValues.map((a) => [a.article, a.values]));
  const versionIds = new Map<string, number>();
  let revisionCount = 0;

  const lookup = <T>(map: Map<string, T>, key: string, what: string): T => {
    const found = map.get(key);
    if (found === undefined) throw new Error(`Seed data names unknown ${what} "${key}"`);
    return found;
  };
  const articlesByKey = new Map(articles.map((a) => [a.key, a]));
  // A seed release is named when the article that names it is published, the createdAt it is stored with.
  const releaseOf = (r: SeedRelease): ReleaseLike => ({
    label: r.label,
    releasedOn: r.releasedOn,
    namedOn: articleTimestamp(lookup(articlesByKey, r.namedBy, 'article').published),
  });

  for (const article of articles) {
    const createdAt = articleTimestamp(article.published);
    const articleSources = [articleSource(article)];
    const values: SeedValue[] = valuesByArticle.get(article.key) ?? [];
    const covered = new Set(values.map((v) => cellKey(v.mesh, v.version, v.feature)));

    const newReleases = sortReleases(seedReleases.filter((r) => r.namedBy === article.key), releaseOf);
    for (const release of newReleases) {
      const meshId = lookup(meshIds, release.mesh, 'mesh');
      tx.insert(meshVersions)
        .values({ meshId, label: release.label, releasedOn: release.releasedOn, createdAt })
        .onConflictDoNothing()
        .run();
      const versionId = tx
        .select({ id: meshVersions.id })
        .from(meshVersions)
        .where(and(eq(meshVersions.meshId, meshId), eq(meshVersions.label, release.label)))
        .get()!.id;
      versionIds.set(`${release.mesh}@${release.label}`, versionId);

      // A release no article covers in full starts from its predecessor's values,
      // marked as carried so readers know they were not re-checked.
      const earlier = sortReleases(
        seedReleases.filter((r) => r.mesh === release.mesh && versionIds.has(`${r.mesh}@${r.label}`) && compareReleases(releaseOf(r), releaseOf(release)) < 0),
        releaseOf,
      ).at(-1);
      if (!earlier) continue;
      const skipFeatureIds = new Set(
        featureRows.filter((f) => covered.has(cellKey(release.mesh, release.label, f.slug))).map((f) => f.id),
      );
      revisionCount += carryForwardCells(tx, versionIds.get(`${earlier.mesh}@${earlier.label}`)!, versionId, { createdAt, skipFeatureIds });
    }

    for (const value of values) {
      const meshVersionId = lookup(versionIds, `${value.mesh}@${value.version}`, `release (as of ${article.key})`);
      const featureId = lookup(featureIds, value.feature, 'row');
      const cellLinks: Source[] = (value.links ?? []).map((l) => ({ url: l.url, title: l.title ?? null }));
      appendRevision(tx, {
        meshVersionId,
        featureId,
        support: value.support ?? null,
        text: value.text ?? null,
        note: value.note ?? null,
        sources: [...articleSources, ...cellLinks],
        kind: 'seed',
        createdAt,
      });
      revisionCount++;
    }
  }

  tx.insert(meta).values({ key: 'seed_version', value: SEED_VERSION }).run();
  return { seeded: true, revisions: revisionCount };
}

/** Bump when db/seed gains rows or names that databases seeded before should pick up once. */

/**
 * The rows and remembered names the curated tables need (servicemesh.es
 * history and the articles: "Linkerd 2", "Multi-Cluster Mesh"), so importing
 * them asks nothing. Runs once per SEED_NAMES_VERSION, also on databases
 * seeded before these names existed; an alias an admin removed afterwards
 * stays removed.
 */
export function seedImportNames(tx: Queryable): number {
  const done = tx.select().from(meta).where(eq(meta.key, 'seed_names_version')).get();
  if (done && done.value >= SEED_NAMES_VERSION) return 0;
  let added = 0;
  for (const category of seedCategories) {
    tx.insert(categories).values({ slug: category.slug, name: category.name, position: seedCategories.indexOf(category) + 1 }).onConflictDoNothing().run();
    const categoryId = tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, category.slug)).get()!.id;
    category.features.forEach((feature, fi) => {
      tx.insert(features)
        .values({ categoryId, slug: feature.slug, name: feature.name, definition: feature.definition, referenceUrl: feature.referenceUrl ?? null, kind: feature.kind, position: fi + 1 })
        .onConflictDoNothing()
        .run();
      const featureId = tx.select({ id: features.id }).from(features).where(eq(features.slug, feature.slug)).get()!.id;
      for (const name of feature.aliases ?? []) {
        added += tx.insert(importAliases).values({ target: 'feature', featureId, name, key: nameKey(name) }).onConflictDoNothing().run().changes;
      }
    });
  }
  for (const mesh of seedMeshes) {
    const meshId = tx.select({ id: meshes.id }).from(meshes).where(eq(meshes.slug, mesh.slug)).get()?.id;
    if (meshId === undefined) continue;
    for (const name of mesh.otherNames ?? []) {
      added += tx.insert(importAliases).values({ target: 'mesh', meshId, name, key: nameKey(name) }).onConflictDoNothing().run().changes;
    }
  }
  tx.insert(meta).values({ key: 'seed_names_version', value: SEED_NAMES_VERSION }).onConflictDoUpdate({ target: meta.key, set: { value: SEED_NAMES_VERSION } }).run();
  return added;
}
