import { describe, it, expect } from 'vitest';
import { articles } from '../../db/seed/articles';
import { meshes } from '../../db/seed/meshes';
import { releases } from '../../db/seed/releases';
import { categories } from '../../db/seed/taxonomy';
import { articleValues } from '../../db/seed/values';
import type { ArticleKey, SeedValue } from '../../db/seed/types';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const httpUrl = /^https?:\/\/\S+$/;
const supports = ['yes', 'partial', 'no', 'unknown'];

const features = categories.flatMap((category) => category.features);
const featureBySlug = new Map(features.map((feature) => [feature.slug, feature]));
const meshSlugs = new Set(meshes.map((mesh) => mesh.slug));
const releaseKey = (mesh: string, label: string) => `${mesh}@${label}`;
const releaseKeys = new Set(releases.map((release) => releaseKey(release.mesh, release.label)));
const articleOrder = new Map<ArticleKey, number>(articles.map((article, index) => [article.key, index]));

const allValues = articleValues.flatMap((entry) => entry.values.map((value) => ({ article: entry.article, value })));

const label = (article: string, value: SeedValue) => `${article} ${value.mesh} ${value.version} ${value.feature}`;

/** `version` undefined finds a value whose article names no release for it. */
function find(article: ArticleKey, mesh: string, version: string | undefined, feature: string): SeedValue | undefined {
  return articleValues
    .find((entry) => entry.article === article)
    ?.values.find((value) => value.mesh === mesh && value.version === version && value.feature === feature);
}

describe('seed data', () => {
  it('has one values module per article, in article order', () => {
    expect(articleValues.map((entry) => entry.article)).toEqual(articles.map((article) => article.key));
  });

  it('uses kebab-case, unique slugs', () => {
    const categorySlugs = categories.map((category) => category.slug);
    const featureSlugs = features.map((feature) => feature.slug);
    const allMeshSlugs = [
      ...meshes.map((mesh) => mesh.slug),
      ...meshes.flatMap((mesh) => (mesh.formerNames ?? []).map((former) => former.slug)),
    ];
    for (const slugs of [categorySlugs, featureSlugs, allMeshSlugs]) {
      for (const slug of slugs) expect(slug, slug).toMatch(kebab);
      expect(new Set(slugs).size).toBe(slugs.length);
    }
  });

  it('defines every row with a definition and an http(s) reference when present', () => {
    for (const feature of features) {
      expect(feature.definition.trim(), feature.slug).not.toBe('');
      expect(['support', 'text']).toContain(feature.kind);
      if (feature.referenceUrl !== undefined) expect(feature.referenceUrl, feature.slug).toMatch(httpUrl);
    }
  });

  it('gives meshes http(s) links, a description and a status note when archived', () => {
    for (const mesh of meshes) {
      expect(mesh.description.trim(), mesh.slug).not.toBe('');
      if (mesh.homepage !== undefined) expect(mesh.homepage, mesh.slug).toMatch(httpUrl);
      if (mesh.repository !== undefined) expect(mesh.repository, mesh.slug).toMatch(httpUrl);
      if (mesh.status === 'archived') expect(mesh.statusNote?.trim(), mesh.slug).toBeTruthy();
    }
  });

  it('has releases of known meshes, unique per mesh, never with an invented date', () => {
    for (const release of releases) {
      expect(meshSlugs.has(release.mesh), release.mesh).toBe(true);
      expect(articleOrder.has(release.namedBy), release.namedBy).toBe(true);
      expect(release.releasedOn).toBeNull();
    }
    expect(releaseKeys.size).toBe(releases.length);
  });

  it('points every value at an existing mesh, release and row', () => {
    for (const { article, value } of allValues) {
      const where = label(article, value);
      expect(meshSlugs.has(value.mesh), where).toBe(true);
      // A value names a release only where its article does; the rest are placed by date when seeding.
      if (value.version !== undefined) expect(releaseKeys.has(releaseKey(value.mesh, value.version)), where).toBe(true);
      expect(featureBySlug.has(value.feature), where).toBe(true);
    }
  });

  it('fills support rows with a support and text rows with text', () => {
    for (const { article, value } of allValues) {
      const where = label(article, value);
      const feature = featureBySlug.get(value.feature);
      if (feature?.kind === 'support') {
        expect(supports, where).toContain(value.support);
        expect(value.text, where).toBeUndefined();
      } else {
        expect(value.text?.trim(), where).toBeTruthy();
        expect(value.support, where).toBeUndefined();
      }
      if (value.note !== undefined) expect(value.note.trim(), where).not.toBe('');
    }
  });

  it('has at most one value per article, mesh, version and row', () => {
    const seen = new Set<string>();
    for (const { article, value } of allValues) {
      const key = label(article, value);
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('uses only http(s) links, never the article itself', () => {
    const articleUrls = new Set(articles.map((article) => article.url));
    for (const { article, value } of allValues) {
      for (const link of value.links ?? []) {
        expect(link.url, label(article, value)).toMatch(httpUrl);
        expect(articleUrls.has(link.url), label(article, value)).toBe(false);
      }
    }
  });

  it('names each release no later than the first article that puts a value on it', () => {
    for (const release of releases) {
      const first = allValues.find(({ value }) => value.mesh === release.mesh && value.version === release.label);
      if (!first) continue;
      const named = articleOrder.get(release.namedBy) ?? Infinity;
      const used = articleOrder.get(first.article) ?? -Infinity;
      expect(named, releaseKey(release.mesh, release.label)).toBeLessThanOrEqual(used);
    }
  });

  describe('spot checks against the articles', () => {
    it('servicemesh-es-2019', () => {
      expect(find('servicemesh-es-2019', 'linkerd', '2.6', 'circuit-breaking')?.support).toBe('no');
      expect(find('servicemesh-es-2019', 'istio', '1.3', 'mtls')?.support).toBe('yes');
      const linkerdMtls = find('servicemesh-es-2019', 'linkerd', '2.6', 'mtls');
      expect(linkerdMtls?.support).toBe('yes');
      expect(linkerdMtls?.note).toMatch(/TCP/);
    });

    it('toptal-2021', () => {
      // The article names no Kuma release, so the value carries none (the seed places it by the article's date).
      expect(find('toptal-2021', 'kuma', undefined, 'fault-injection')?.support).toBe('yes');
      expect(find('toptal-2021', 'istio', '1.9', 'fault-injection')?.support).toBe('yes');
    });

    it('day79-2023', () => {
      expect(find('day79-2023', 'linkerd', '2.12', 'circuit-breaking')?.support).toBe('no');
      expect(find('day79-2023', 'cilium', '1.12', 'sidecarless-mode')?.support).toBe('yes');
    });
  });
});
