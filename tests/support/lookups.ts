/** Names and lookups of the seeded data that several integration test files share. */
import { and, eq } from 'drizzle-orm';
import { auditEvents, features, meshes, meshVersions, revisions, type MeshVersion, type Revision } from '@/db/schema';
import { getCellHead } from '@/lib/server/cells/cells';
import type { MatrixView } from '@/lib/server/matrix/matrix';
import { resolveCell, type CellIds } from '@/lib/server/proposals/review';
import type { TempDatabase } from './temp-db';

/** The newest seeded releases (the servicemesh.es table's last version names Istio 1.20, Linkerd 2.13, Kuma 2.0). */
export const ISTIO_NEWEST = '1.20';
export const LINKERD_NEWEST = '2.13';
export const KUMA_NEWEST = '2.0';
/** Every seeded Istio release, newest first. */
export const ISTIO_RELEASES = [
  '1.20',
  '1.18',
  '1.16.1',
  '1.13',
  '1.12',
  '1.11',
  '1.9',
  '1.8',
  '1.7',
  '1.6',
  '1.5',
  '1.4',
  '1.3',
];
export const SOURCE = { url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' };

export type CellName = [meshSlug: string, label: string, featureSlug: string];
export const ISTIO_MTLS: CellName = ['istio', '1.16.1', 'mtls'];
export const ISTIO_CB: CellName = ['istio', '1.16.1', 'circuit-breaking'];
export const ISTIO_LICENSE: CellName = ['istio', '1.16.1', 'license'];
export const ISTIO_OLD_MTLS: CellName = ['istio', '1.3', 'mtls'];
export const LINKERD_MTLS: CellName = ['linkerd', '2.12', 'mtls'];

export function meshId(db: TempDatabase, slug: string): number {
  const mesh = db.db.select().from(meshes).where(eq(meshes.slug, slug)).get();
  if (!mesh) throw new Error(`no mesh ${slug}`);
  return mesh.id;
}

export function versionOf(db: TempDatabase, slug: string, label: string): MeshVersion {
  const version = db.db
    .select()
    .from(meshVersions)
    .where(and(eq(meshVersions.meshId, meshId(db, slug)), eq(meshVersions.label, label)))
    .get();
  if (!version) throw new Error(`no release ${slug}@${label}`);
  return version;
}

export function featureId(db: TempDatabase, slug: string): number {
  const feature = db.db.select().from(features).where(eq(features.slug, slug)).get();
  if (!feature) throw new Error(`no row ${slug}`);
  return feature.id;
}

export function cell(db: TempDatabase, [meshSlug, label, featureSlug]: CellName): CellIds {
  return resolveCell(meshSlug, label, featureSlug, db.db);
}

/** A cell's slugs as revertCell takes them. */
export function slugsOf({ cell }: CellIds) {
  return { mesh: cell.meshSlug, version: cell.label, feature: cell.featureSlug };
}

/** The current revision of a cell, named as a CellName or by its three slugs. */
export function headOf(db: TempDatabase, name: CellName): Revision;
export function headOf(db: TempDatabase, meshSlug: string, label: string, featureSlug: string): Revision;
export function headOf(db: TempDatabase, ...where: CellName | [CellName]): Revision {
  const [meshSlug, label, featureSlug] = where.length === 1 ? where[0] : where;
  const head = getCellHead(db.db, versionOf(db, meshSlug, label).id, featureId(db, featureSlug));
  if (!head) throw new Error(`no head for ${meshSlug}@${label}/${featureSlug}`);
  return head;
}

export function revisionRow(db: TempDatabase, id: number) {
  return db.db.select().from(revisions).where(eq(revisions.id, id)).get();
}

/** The audit events about one object, oldest first. */
export function auditFor(db: TempDatabase, objectType: string, objectId: string | number) {
  return db.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectType, objectType), eq(auditEvents.objectId, String(objectId))))
    .orderBy(auditEvents.id)
    .all();
}

/** Raw rows, exactly as SQLite stores them. */
export function rawRevisions(db: TempDatabase): Record<string, unknown>[] {
  return db.sqlite.prepare('SELECT * FROM revisions ORDER BY id').all() as Record<string, unknown>[];
}

export function activeRowCount(db: TempDatabase): number {
  return db.db.select().from(features).where(eq(features.status, 'active')).all().length;
}

export function columnLabels(matrix: MatrixView): Record<string, string> {
  return Object.fromEntries(matrix.columns.map((c) => [c.mesh.slug, c.version.label]));
}

/** Waits for the clock to reach the next millisecond, so timestamps of consecutive writes differ. */
export function nextMillisecond(): void {
  const start = Date.now();
  while (Date.now() === start) {
    // spin
  }
}
