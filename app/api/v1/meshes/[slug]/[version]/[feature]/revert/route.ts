import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { decodeParam } from '@/lib/next/pages';
import { revertCell } from '@/lib/server/proposals/review';
import { methodNotAllowed } from '@/lib/next/http';

type Context = { params: Promise<{ slug: string; version: string; feature: string }> };

export async function POST(request: Request, { params }: Context) {
  return runJsonCommand(
    request,
    revertCell,
    async (body) => {
      const { slug, version, feature } = await params;
      return withUrlFields(body, { mesh: slug, version: decodeParam(version), feature });
    },
    (result) => ({ body: { revisionId: result.revisionId } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
