import 'server-only';
import { getConnection } from './db';

export interface Health {
  ok: boolean;
  database: 'reachable' | 'unreachable';
}

export function checkDatabaseHealth(): Health {
  try {
    getConnection().sqlite.prepare('SELECT count(*) AS n FROM meshes').get();
    return { ok: true, database: 'reachable' };
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        event: 'health_check_failed',
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    return { ok: false, database: 'unreachable' };
  }
}
