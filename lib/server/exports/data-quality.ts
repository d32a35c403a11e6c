import 'server-only';
import { count, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { revisions } from '@/db/schema';
import type { Coverage } from '../../rules/coverage';
import { getDb } from '../db';
import { getMatrix, type MeshSummary } from '../matrix/matrix';
import { dateOfReleaseLabel } from '../../rules/release-labels';
import { sourceUrlProblem } from '../../rules/sources';

/** A part of a whole, kept as two counts so pages and JSON can show both and nothing divides by zero. */
export interface Share {
  count: number;
  of: number;
}

export interface MeshDataQuality {
  mesh: MeshSummary;
  newestRelease: {
    label: string;
    releasedOn: string | null;
    /** When the release was first recorded here (YYYY-MM-DD): its date when no source gives a release date. */
    firstNamedOn: string;
  };
  coverage: Coverage;
  /** Values of the newest release with at least one http(s) source. */
  sourced: Share;
  /** Values of the newest release carried over from an older one. */
  carried: Share;
  /** Values of the newest release that are stale (lib/rules/staleness.ts): carried, or confirmed long before the release. */
  stale: Share;
  /** When a value of any release of this mesh was last written other than by carrying it over, or null. */
  lastChangedAt: string | null;
}

export interface DataQuality {
  meshes: MeshDataQuality[];
  overall: {
    meshes: number;
    releases: number;
    rows: number;
    /** Known cells of the newest releases, of meshes × rows. */
    cellsKnown: Share;
    revisions: number;
    sourced: Share;
    stale: Share;
    /**
     * Values of the newest releases by where their release came from: one its
     * source names (or carried from one), one inferred from the source's date,
     * or one labelled by the date because no release was known then.
     */
    placement: { named: number; inferred: number; dateLabelled: number };
  };
}

function share(count: number, of: number): Share {
  return { count, of };
}

/** Whole percent of a share, or null when there is nothing to share. */
export function percentOf({ count, of }: Share): number | null {
  return of === 0 ? null : Math.round((count / of) * 100);
}

function sumShares(shares: Share[]): Share {
  return shares.reduce((sum, s) => share(sum.count + s.count, sum.of + s.of), share(0, 0));
}

/**
 * How complete, sourced and fresh the data is, per active mesh (its newest
 * release, as the matrix shows it) and overall. One read model behind
 * `/about/data` and `/api/v1/stats`.
 */
export function getDataQuality(q: Queryable = getDb()): DataQuality {
  const matrix = getMatrix({}, q);
  const versionIds = matrix.columns.map((c) => c.version.id);
  const featureIds = new Map(matrix.categories.flatMap((c) => c.features.map((f) => [f.slug, f.id] as const)));

  // Driven from the releases so revisions are reached through their per-release index, never scanned whole.
  const lastChanged = new Map<string, string>();
  const releaseChanges = q.all<{ mesh_slug: string; last: string | null }>(sql`
    SELECT m.slug AS mesh_slug,
           (SELECT max(r.created_at) FROM revisions r WHERE r.mesh_version_id = mv.id AND r.kind <> 'carry_forward') AS last
    FROM meshes m
    JOIN mesh_versions mv ON mv.mesh_id = m.id
    WHERE m.status = 'active'
  `);
  for (const { mesh_slug, last } of releaseChanges) {
    if (last && last > (lastChanged.get(mesh_slug) ?? '')) lastChanged.set(mesh_slug, last);
  }

  const placement = { named: 0, inferred: 0, dateLabelled: 0 };
  const meshes = matrix.columns.map(({ mesh, version, coverage }): MeshDataQuality => {
    const newestRelease = {
      label: version.label,
      releasedOn: version.releasedOn,
      firstNamedOn: version.createdAt.slice(0, 10),
    };
    const values = Object.entries(matrix.cells[mesh.slug] ?? {});
    let sourced = 0;
    let carried = 0;
    let stale = 0;
    for (const [, value] of values) {
      if (value.sources.some((s) => sourceUrlProblem(s.url) === null)) sourced++;
      if (value.kind === 'carry_forward') carried++;
      // The matrix applies the one staleness rule (lib/rules/staleness.ts) to every cell it shows.
      if (value.stale) stale++;
      if (value.releaseInferred) placement.inferred++;
      else if (dateOfReleaseLabel(version.label) !== null) placement.dateLabelled++;
      else placement.named++;
    }
    return {
      mesh,
      newestRelease,
      coverage: coverage ?? { known: 0, rows: featureIds.size },
      sourced: share(sourced, values.length),
      carried: share(carried, values.length),
      stale: share(stale, values.length),
      lastChangedAt: lastChanged.get(mesh.slug) ?? null,
    };
  });

  const releases = versionIds.length
    ? q.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM mesh_versions mv JOIN meshes m ON m.id = mv.mesh_id WHERE m.status = 'active'`,
      )[0]!.n
    : 0;
  const revisionCount = q.select({ n: count() }).from(revisions).get()?.n ?? 0;
  return {
    meshes,
    overall: {
      meshes: meshes.length,
      releases,
      rows: featureIds.size,
      cellsKnown: sumShares(meshes.map((m) => share(m.coverage.known, m.coverage.rows))),
      revisions: revisionCount,
      sourced: sumShares(meshes.map((m) => m.sourced)),
      stale: sumShares(meshes.map((m) => m.stale)),
      placement,
    },
  };
}

/** The public JSON shape of the data-quality figures (`/api/v1/stats`; keep field names stable). */
export function dataQualityToJson(quality: DataQuality, generatedAt = new Date().toISOString()) {
  const withPercent = (s: Share) => ({ count: s.count, of: s.of, percent: percentOf(s) });
  return {
    generatedAt,
    overall: {
      meshes: quality.overall.meshes,
      releases: quality.overall.releases,
      rows: quality.overall.rows,
      cellsKnown: withPercent(quality.overall.cellsKnown),
      revisions: quality.overall.revisions,
      sourced: withPercent(quality.overall.sourced),
      stale: withPercent(quality.overall.stale),
      placement: quality.overall.placement,
    },
    meshes: quality.meshes.map((m) => ({
      slug: m.mesh.slug,
      name: m.mesh.name,
      newestRelease: m.newestRelease,
      coverage: { known: m.coverage.known, rows: m.coverage.rows },
      sourced: withPercent(m.sourced),
      carried: withPercent(m.carried),
      stale: withPercent(m.stale),
      lastChangedAt: m.lastChangedAt,
    })),
  };
}
