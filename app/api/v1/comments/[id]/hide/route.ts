import type { NextRequest } from 'next/server';
import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { hideComment } from '@/lib/server/comments/comments';
import { methodNotAllowed } from '@/lib/next/http';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    hideComment,
    async (body) => withUrlFields(body, { id: (await params).id }),
    (result) => ({ body: { id: result.id, hidden: true, hiddenReason: result.reason } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
