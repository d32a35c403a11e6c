import type { NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { errorResponse, readJsonWriteRequest } from '@/lib/http';
import { approveProposal } from '@/lib/review';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const body = await readJsonWriteRequest(request);
    const result = approveProposal(await getCurrentUser(), (await params).id, body);
    revalidateCell(result.cell);
    return Response.json({ revisionId: result.revisionId }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
