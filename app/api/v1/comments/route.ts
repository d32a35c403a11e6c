import type { NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/next/auth/session';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { runJsonCommand } from '@/lib/next/command-adapters';
import { addComment, listComments } from '@/lib/server/comments/comments';
import { listCommentsQuerySchema } from '@/lib/server/comments/schemas';

/** A thread as the caller may see it: hidden comments carry their text only for their author and moderators. */
export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    const target = parseSearchParams(listCommentsQuerySchema, request.nextUrl.searchParams);
    const comments = listComments(target, await getCurrentUser());
    return Response.json({ comments }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

export async function POST(request: NextRequest) {
  return runJsonCommand(
    request,
    addComment,
    (body) => body,
    (result) => ({ status: 201, body: { id: result.id } }),
  );
}

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET', 'POST']);
