import type { NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { errorResponse, readJsonWriteRequest } from '@/lib/http';
import { withdrawProposal } from '@/lib/proposals';
import { parseInput, withdrawProposalSchema } from '@/lib/validation';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    parseInput(withdrawProposalSchema, await readJsonWriteRequest(request));
    const result = withdrawProposal(await getCurrentUser(), (await params).id);
    revalidateCell(result.cell);
    return Response.json({ id: result.id, status: result.status }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
