import { checkDatabaseHealth } from '@/lib/server/health';

export const dynamic = 'force-dynamic';

export function GET() {
  const health = checkDatabaseHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
