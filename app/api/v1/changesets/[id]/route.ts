import type { NextRequest } from 'next/server';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { getChangeset } from '@/lib/server/changesets/changeset-views';
import { NotFoundError } from '@/lib/rules/errors';
import { noQuerySchema } from '@/lib/rules/page-queries';
import { parseRecordId } from '@/lib/rules/validation';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return answerRead(request, async () => {
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    const id = parseRecordId((await params).id);
    const changeset = getChangeset(id);
    if (!changeset) throw new NotFoundError(`There is no changeset ${id}.`);
    return Response.json({ changeset }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
