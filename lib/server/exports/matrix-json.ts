import 'server-only';
import { DATA_LICENCE } from './csv';
import type { MatrixView } from '../matrix/matrix';

/** The public JSON shape of the matrix (the API contract; keep field names stable). */
export function matrixToJson(matrix: MatrixView, generatedAt = new Date().toISOString(), at: string | null = null) {
  return {
    generatedAt,
    at,
    licence: DATA_LICENCE,
    meshes: matrix.columns.map(({ mesh, version, coverage }) => ({
      slug: mesh.slug,
      name: mesh.name,
      status: mesh.status,
      version: { label: version.label, releasedOn: version.releasedOn },
      coverage: coverage ? { known: coverage.known, rows: coverage.rows } : null,
    })),
    categories: matrix.categories.map((category) => ({
      slug: category.slug,
      name: category.name,
      features: category.features.map((f) => ({ slug: f.slug, name: f.name, definition: f.definition, kind: f.kind })),
    })),
    cells: Object.fromEntries(
      Object.entries(matrix.cells).map(([meshSlug, row]) => [
        meshSlug,
        Object.fromEntries(
          Object.entries(row).map(([featureSlug, value]) => [
            featureSlug,
            {
              support: value.support,
              text: value.text,
              note: value.note,
              sources: value.sources.map((s) => ({ url: s.url, title: s.title })),
              revisionId: value.revisionId,
              updatedAt: value.updatedAt,
              carriedFrom: value.carriedFrom,
              releaseInferred: value.releaseInferred,
              confirmedOn: value.confirmedOn,
              stale: value.stale,
            },
          ]),
        ),
      ]),
    ),
  };
}
