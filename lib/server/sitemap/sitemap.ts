import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { getDb } from '../db';
import { cellPath, releasePath } from '../../rules/format';
import { NotFoundError } from '../../rules/errors';

/** The sitemap protocol's limit per file (sitemaps.org); the index lists as many files as the site needs. */
export const SITEMAP_MAX_URLS = 50_000;

export interface SitemapEntry {
  /** A path on this site, already URL-encoded. */
  path: string;
  /** `YYYY-MM-DD`, where the data says when the page last changed. */
  lastModified: string | null;
}

/**
 * The public pages with no route params, and the sections a crawler starts from. Sign-in, moderation, personal pages
 * and forms are left out (robots.txt disallows them too); per-request filter variants are query strings of these.
 */
export const publicStaticPaths = ['/', '/meshes', '/changes', '/about', '/about/data', '/needs-checking'] as const;

const dayOf = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null);

/**
 * Every page but the cells: the fixed pages, each mesh, each release and each row's explanation. Small (a few hundred
 * on the large set), so it is read whole; the cells are read a chunk at a time.
 */
function listStructureEntries(q: Queryable): SitemapEntry[] {
  const meshRows = q.all<{ slug: string; updated_at: string }>(
    sql`SELECT slug, updated_at FROM meshes ORDER BY position, slug`,
  );
  const releaseRows = q.all<{ slug: string; label: string; created_at: string }>(sql`
    SELECT m.slug, v.label, v.created_at FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id ORDER BY m.position, m.slug, v.id
  `);
  const rowRows = q.all<{ slug: string }>(sql`SELECT slug FROM features ORDER BY id`);
  return [
    ...publicStaticPaths.map((path) => ({ path, lastModified: null })),
    ...meshRows.map((m) => ({ path: `/meshes/${encodeURIComponent(m.slug)}`, lastModified: dayOf(m.updated_at) })),
    ...releaseRows.map((r) => ({ path: releasePath(r.slug, r.label), lastModified: dayOf(r.created_at) })),
    ...rowRows.map((f) => ({ path: `/rows/${encodeURIComponent(f.slug)}`, lastModified: null })),
  ];
}

function countCells(q: Queryable): number {
  return q.get<{ n: number }>(sql`SELECT count(*) AS n FROM cell_heads`).n;
}

/** Cells with a value, in primary-key order so a chunk is an index range scan. */
function listCellEntries(q: Queryable, offset: number, limit: number): SitemapEntry[] {
  if (limit <= 0) return [];
  const rows = q.all<{ mesh: string; label: string; feature: string; updated_at: string }>(sql`
    SELECT m.slug AS mesh, v.label, f.slug AS feature, h.updated_at
    FROM (SELECT mesh_version_id, feature_id, updated_at FROM cell_heads
          ORDER BY mesh_version_id, feature_id LIMIT ${limit} OFFSET ${offset}) h
    JOIN mesh_versions v ON v.id = h.mesh_version_id
    JOIN meshes m ON m.id = v.mesh_id
    JOIN features f ON f.id = h.feature_id
    ORDER BY h.mesh_version_id, h.feature_id
  `);
  return rows.map((r) => ({ path: cellPath(r.mesh, r.label, r.feature), lastModified: dayOf(r.updated_at) }));
}

/** How many sitemap files the site needs: the structure pages first, then the cells, SITEMAP_MAX_URLS to a file. */
export function countSitemapChunks(q: Queryable = getDb(), maxUrls = SITEMAP_MAX_URLS): number {
  const total = listStructureEntries(q).length + countCells(q);
  return Math.max(1, Math.ceil(total / maxUrls));
}

/** Sitemap file `chunk` (from 0): one slice of the structure pages followed by the cells. */
export function listSitemapChunk(chunk: number, q: Queryable = getDb(), maxUrls = SITEMAP_MAX_URLS): SitemapEntry[] {
  if (!Number.isSafeInteger(chunk) || chunk < 0 || chunk >= countSitemapChunks(q, maxUrls))
    throw new NotFoundError(`No sitemap number ${chunk}`);
  const structure = listStructureEntries(q);
  const start = chunk * maxUrls;
  const end = start + maxUrls;
  const fromStructure = structure.slice(start, end);
  const cellStart = Math.max(0, start - structure.length);
  return [...fromStructure, ...listCellEntries(q, cellStart, end - Math.max(start, structure.length))];
}
