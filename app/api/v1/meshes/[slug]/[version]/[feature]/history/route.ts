import { answerRead, methodNotAllowed } from '@/lib/next/http';
import { jsonBody, respondCached } from '@/lib/next/http-cache';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { decodeParam } from '@/lib/next/pages';

type Context = { params: Promise<{ slug: string; version: string; feature: string }> };

export async function GET(request: Request, { params }: Context) {
  return answerRead(request, async () => {
    const { slug, version, feature } = await params;
    return respondCached(request, () => {
      const page = getCellPage(slug, decodeParam(version), feature);
      return jsonBody({
        mesh: page.mesh.slug,
        version: page.version.label,
        feature: page.feature.slug,
        retired: page.retired ? { scope: page.retired.scope, on: page.retired.on } : null,
        revisions: page.history.map((r) => ({
          id: r.revisionId,
          kind: r.kind,
          support: r.support,
          text: r.text,
          note: r.note,
          sources: r.sources,
          author: r.authorName,
          approver: r.approverName,
          proposalId: r.proposalId,
          reason: r.reason,
          carriedFrom: r.carriedFrom,
          createdAt: r.createdAt,
        })),
      });
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
