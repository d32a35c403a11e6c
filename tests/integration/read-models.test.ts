import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, NotFoundError } from '@/lib/rules/errors';
import { getMatrix, listCategories } from '@/lib/server/matrix/matrix';
import { findMesh, getMeshPage, listMeshes } from '@/lib/server/matrix/meshes';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { matrixToJson } from '@/lib/server/exports/matrix-json';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

let db: TempDatabase;
beforeAll(() => {
  db = createTempDatabase();
});
afterAll(() => db.cleanup());

describe('getMatrix', () => {
  it('shows the newest release of every active mesh and no archived one', () => {
    const matrix = getMatrix({}, db.db);
    const slugs = matrix.columns.map((c) => c.mesh.slug);
    expect(slugs).toContain('istio');
    expect(slugs).toContain('cilium');
    expect(slugs).not.toContain('open-service-mesh');
    expect(matrix.columns.every((c) => c.mesh.status === 'active')).toBe(true);
    expect(matrix.columns.find((c) => c.mesh.slug === 'istio')?.version.label).toBe('1.20');
    expect(matrix.columns.find((c) => c.mesh.slug === 'linkerd')?.version.label).toBe('2.13');
    expect(matrix.columns.find((c) => c.mesh.slug === 'kuma')?.version.label).toBe('2.0');
  });

  it('groups rows by category in order and carries each value with its sources', () => {
    const matrix = getMatrix({}, db.db);
    expect(matrix.categories.map((c) => c.slug)).toEqual(listCategories(db.db).map((c) => c.slug));
    expect(matrix.categories[0]?.slug).toBe('general');
    const mtls = matrix.cells.istio?.mtls;
    expect(mtls?.support).toBe('yes');
    expect(mtls?.sources.length).toBeGreaterThan(0);
  });

  it('marks carried values with the release they were last checked in', () => {
    const matrix = getMatrix({}, db.db);
    // Carried into 1.20 from the value last written for 1.18; circuit breaking was written for 1.20 itself.
    expect(matrix.cells.istio?.['traffic-specs']?.carriedFrom).toBe('1.18');
    expect(matrix.cells.istio?.['traffic-specs']?.kind).toBe('carry_forward');
    expect(matrix.cells.istio?.['circuit-breaking']?.carriedFrom).toBeNull();
    expect(matrix.cells.istio?.['circuit-breaking']?.kind).toBe('import');
  });

  it('narrows columns and picks releases', () => {
    const matrix = getMatrix({ meshes: ['istio', 'linkerd'], versions: [{ mesh: 'istio', label: '1.3' }, { mesh: 'linkerd', label: '2.6' }] }, db.db);
    expect(matrix.columns.map((c) => `${c.mesh.slug}@${c.version.label}`).sort()).toEqual(['istio@1.3', 'linkerd@2.6']);
    expect(matrix.cells.linkerd?.['circuit-breaking']?.support).toBe('no');
  });

  it('includes an archived mesh only when asked for by name', () => {
    expect(getMatrix({ meshes: ['open-service-mesh'] }, db.db).columns.map((c) => c.mesh.slug)).toEqual(['open-service-mesh']);
  });

  it('names unknown meshes and releases', () => {
    expect(() => getMatrix({ meshes: ['istio', 'nosuchmesh'] }, db.db)).toThrow(BadRequestError);
    expect(() => getMatrix({ meshes: ['nosuchmesh'] }, db.db)).toThrow(/nosuchmesh/);
    expect(() => getMatrix({ versions: [{ mesh: 'istio', label: '9.9' }] }, db.db)).toThrow(/istio@9\.9/);
  });

  it('serializes to the public JSON contract', () => {
    const json = matrixToJson(getMatrix({ meshes: ['istio'] }, db.db), '2026-01-01T00:00:00.000Z');
    expect(json.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(json.meshes[0]).toEqual({ slug: 'istio', name: 'Istio', status: 'active', version: { label: '1.20', releasedOn: null }, coverage: { known: expect.any(Number), rows: expect.any(Number) } });
    const cell = json.cells.istio?.mtls;
    expect(Object.keys(cell ?? {}).sort()).toEqual(['carriedFrom', 'confirmedOn', 'note', 'releaseInferred', 'revisionId', 'sources', 'stale', 'support', 'text', 'updatedAt']);
    expect(json.categories[0]?.features[0]).toHaveProperty('definition');
  });
});

describe('mesh and cell pages', () => {
  it('lists releases newest first and defaults to the newest', () => {
    const page = getMeshPage('istio', undefined, db.db);
    expect(page.version.label).toBe('1.20');
    expect(page.versions.map((v) => v.label)).toEqual(['1.20', '1.18', '1.16.1', '1.13', '1.12', '1.11', '1.9', '1.8', '1.7', '1.6', '1.5', '1.4', '1.3']);
  });

  it('shows any release and 404s an unknown one', () => {
    expect(getMeshPage('istio', '1.3', db.db).cells.mtls?.support).toBe('yes');
    expect(() => getMeshPage('istio', '9.9', db.db)).toThrow(NotFoundError);
    expect(() => getMeshPage('nosuchmesh', undefined, db.db)).toThrow(NotFoundError);
  });

  it('resolves a former slug to a redirect', () => {
    expect(findMesh('maesh', db.db)).toEqual({ redirectTo: 'traefik-mesh' });
    expect(findMesh('nosuchmesh', db.db)).toBeNull();
  });

  it('gives a cell its full history newest first', () => {
    const page = getCellPage('kuma', '0.2', 'circuit-breaking', db.db);
    expect(page.history.length).toBeGreaterThanOrEqual(2);
    const dates = page.history.map((r) => r.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(page.current?.revisionId).toBe(page.history[0]?.revisionId);
    expect(() => getCellPage('kuma', '0.2', 'nosuchrow', db.db)).toThrow(NotFoundError);
  });

  it('lists every mesh, archived ones included', () => {
    const all = listMeshes(db.db);
    expect(all.find((m) => m.slug === 'open-service-mesh')?.status).toBe('archived');
    expect(all.find((m) => m.slug === 'istio')?.releaseCount).toBe(13);
  });
});
