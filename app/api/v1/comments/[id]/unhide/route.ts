import type { NextRequest } from 'next/server';
import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { unhideComment } from '@/lib/server/comments/comments';
import { methodNotAllowed } from '@/lib/next/http';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    unhideComment,
    async (body) => withUrlFields(body, { id: (await params).id }),
    (result) => ({ body: { id: result.id, hidden: false } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
