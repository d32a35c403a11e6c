import 'server-only';
import { notFound, permanentRedirect } from 'next/navigation';
import { NotFoundError } from '../rules/errors';
import { findMesh } from '../server/matrix/meshes';

/**
 * Resolves the `[slug]` of a mesh route: a former slug redirects to the
 * current one (keeping the rest of the path), an unknown one is a 404.
 */
export function resolveMeshSlugOrRespond(slug: string, rest: string[] = []): string {
  const found = findMesh(slug);
  if (!found) notFound();
  if ('redirectTo' in found)
    permanentRedirect(['/meshes', found.redirectTo, ...rest.map(encodeURIComponent)].join('/'));
  return found.mesh.slug;
}

/** Turns a domain NotFoundError into Next's 404 page; anything else propagates. */
export function orNotFound<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** Route params arrive percent-encoded in some Next versions and decoded in others; accept both. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
