import type { NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { errorResponse, readJsonWriteRequest } from '@/lib/http';
import { rejectProposal } from '@/lib/review';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const body = await readJsonWriteRequest(request);
    const result = rejectProposal(await getCurrentUser(), (await params).id, body);
    revalidateCell(result.cell);
    return Response.json({ id: result.id, status: 'rejected' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
