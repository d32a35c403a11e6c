import { openDatabase } from '@/db/client';
import { prepareDatabase } from '@/lib/init';
const conn = openDatabase('/tmp/mmx/seeded.db');
const t = Date.now();
prepareDatabase(conn, { seed: true });
conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
conn.sqlite.close();
console.log('ms', Date.now() - t);
