import type { NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/next/auth/session';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { listPatrol } from '@/lib/server/patrol/patrol';
import { listPatrolQuerySchema } from '@/lib/server/patrol/schemas';

/** Proposals that published without review and wait for a moderator's check, oldest first (moderators only). */
export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    parseSearchParams(listPatrolQuerySchema, request.nextUrl.searchParams);
    const proposals = listPatrol(await getCurrentUser());
    return Response.json({ proposals }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
