import type { NextRequest } from 'next/server';
import { renderAtomFeed } from '@/lib/server/changes/atom';
import { listChanges } from '@/lib/server/changes/changes';
import { parseEnv } from '@/lib/server/env';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { feedQuerySchema } from '@/lib/server/matrix/query-schemas';
import { findMesh } from '@/lib/server/matrix/meshes';
import { NotFoundError } from '@/lib/rules/errors';

export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    const mesh = parseSearchParams(feedQuerySchema, request.nextUrl.searchParams).mesh ?? undefined;
    const found = mesh ? findMesh(mesh) : null;
    if (mesh && (!found || !('mesh' in found))) throw new NotFoundError(`There is no mesh "${mesh}".`);
    const { entries } = listChanges({ mesh, pageSize: 50 });
    const siteUrl = parseEnv().SITE_URL ?? request.nextUrl.origin;
    const xml = renderAtomFeed(entries, {
      siteUrl,
      selfPath: mesh ? `/changes/feed.xml?mesh=${mesh}` : '/changes/feed.xml',
      title:
        found && 'mesh' in found ? `Mesh Matrix: recent changes to ${found.mesh.name}` : 'Mesh Matrix: recent changes',
    });
    return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
