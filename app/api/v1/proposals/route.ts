import type { NextRequest } from 'next/server';
import { requireUser } from '@/lib/next/auth/session';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { runJsonCommand } from '@/lib/next/command-adapters';
import { listMyProposals, listProposals, proposeCellChange } from '@/lib/server/proposals/proposals';
import { listProposalsQuerySchema } from '@/lib/server/proposals/schemas';

export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    const query = parseSearchParams(listProposalsQuerySchema, request.nextUrl.searchParams);
    const user = await requireUser();
    const proposals =
      query.mine === '1'
        ? listMyProposals(user, { status: query.status })
        : listProposals(user, { status: query.status });
    return Response.json({ proposals }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

export async function POST(request: NextRequest) {
  return runJsonCommand(
    request,
    proposeCellChange,
    (body) => body,
    (result) => ({
      status: 201,
      body: { id: result.id, status: result.status, ...(result.revisionId ? { revisionId: result.revisionId } : {}) },
    }),
  );
}

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET', 'POST']);
