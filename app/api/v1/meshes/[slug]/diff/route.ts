import type { NextRequest } from 'next/server';
import { DATA_LICENCE } from '@/lib/server/exports/csv';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { jsonBody, respondCached } from '@/lib/next/http-cache';
import { getReleaseDiff } from '@/lib/server/matrix/meshes';
import { releaseDiffQuerySchema } from '@/lib/server/matrix/query-schemas';

export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  return answerRead(request, async () => {
    const { from, to } = parseSearchParams(releaseDiffQuerySchema, request.nextUrl.searchParams);
    const slug = (await params).slug;
    return respondCached(request, () => {
      const diff = getReleaseDiff(slug, from ?? undefined, to ?? undefined);
      return jsonBody({
        licence: DATA_LICENCE,
        mesh: diff.mesh.slug,
        from: diff.from,
        to: diff.to,
        counts: diff.counts,
        rows: diff.categories.flatMap((category) =>
          category.rows.map((row) => ({
            category: category.slug,
            feature: row.feature.slug,
            change: row.change,
            from: row.from,
            to: row.to,
            sourcesAdded: row.diff?.sourcesAdded ?? [],
            sourcesRemoved: row.diff?.sourcesRemoved ?? [],
          })),
        ),
      });
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
