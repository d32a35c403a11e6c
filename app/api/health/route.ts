import { checkDatabaseHealth } from '@/lib/server/health';
import { methodNotAllowed } from '@/lib/next/http';

export const dynamic = 'force-dynamic';

export function GET() {
  const health = checkDatabaseHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
