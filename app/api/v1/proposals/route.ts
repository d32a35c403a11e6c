import type { NextRequest } from 'next/server';
import { getCurrentUser, requireUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { errorResponse, parseSearchParams, readJsonWriteRequest } from '@/lib/http';
import { listMyProposals, listProposals, proposeCellChange } from '@/lib/proposals';
import { listProposalsQuerySchema } from '@/lib/validation';

export async function GET(request: NextRequest) {
  try {
    const query = parseSearchParams(listProposalsQuerySchema, request.nextUrl.searchParams);
    const user = await requireUser();
    const proposals = query.mine === '1' ? listMyProposals(user, { status: query.status }) : listProposals(user, { status: query.status });
    return Response.json({ proposals }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export async function POST(request: NextRequest) {
  try {
    const body = await readJsonWriteRequest(request);
    const result = proposeCellChange(await getCurrentUser(), body);
    revalidateCell(result.cell);
    return Response.json({ id: result.id, status: result.status }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
