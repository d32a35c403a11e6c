import Database from 'better-sqlite3';
import { e2eEnv } from './env';

/**
 * Everything a refused write could have touched, read straight from the e2e
 * server's SQLite file through a read-only connection: row counts of every
 * table, newest ids, and the columns that writes update in place.
 */
export function readDatabaseState(file = e2eEnv.DATABASE_PATH) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const all = (query: string) => db.prepare(query).all();
    const tables = (
      all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") as {
        name: string;
      }[]
    ).map((t) => t.name);
    return {
      counts: Object.fromEntries(
        tables.map((name) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]),
      ),
      newest: all(
        'SELECT (SELECT max(id) FROM revisions) AS revision, (SELECT max(id) FROM audit_events) AS audit, (SELECT max(id) FROM proposals) AS proposal',
      ),
      meshes: all(
        'SELECT id, slug, name, homepage, repository, description, status, status_note, position, updated_at FROM meshes ORDER BY id',
      ),
      meshAliases: all('SELECT * FROM mesh_aliases ORDER BY id'),
      categories: all('SELECT id, slug, name, position, status FROM categories ORDER BY id'),
      features: all(
        'SELECT id, category_id, slug, name, definition, reference_url, kind, position, status FROM features ORDER BY id',
      ),
      releases: all('SELECT id, mesh_id, label, released_on, release_notes_url FROM mesh_versions ORDER BY id'),
      proposals: all(
        'SELECT id, status, reviewer_id, review_comment, decided_at, result_revision_id FROM proposals ORDER BY id',
      ),
      heads: all('SELECT * FROM cell_heads ORDER BY mesh_version_id, feature_id'),
      users: all('SELECT id, role, banned, ban_reason FROM users ORDER BY id'),
    };
  } finally {
    db.close();
  }
}
