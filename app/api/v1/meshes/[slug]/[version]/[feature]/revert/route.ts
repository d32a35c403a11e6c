import { getCurrentUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { errorResponse, readJsonWriteRequest } from '@/lib/http';
import { decodeParam } from '@/lib/pages';
import { resolveCell, revertCell } from '@/lib/review';

type Context = { params: Promise<{ slug: string; version: string; feature: string }> };

export async function POST(request: Request, { params }: Context) {
  try {
    const body = await readJsonWriteRequest(request);
    const user = await getCurrentUser();
    const { slug, version, feature } = await params;
    const result = revertCell(user, resolveCell(slug, decodeParam(version), feature), body);
    revalidateCell(result.cell);
    return Response.json({ revisionId: result.revisionId }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
