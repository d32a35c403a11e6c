import fs from 'node:fs';
import path from 'node:path';

/**
 * A running server says so beside its database (`<database>.server.pid`), so
 * `npm run db:restore` can refuse to swap the file under it even before the
 * server has opened a connection (it opens one on the first request).
 */
export function serverPidFileOf(databasePath: string): string {
  return `${path.resolve(databasePath)}.server.pid`;
}

/** Writes this process's pid beside the database and removes it again when the process exits. */
export function recordServerPid(databasePath: string): void {
  if (databasePath === ':memory:') return;
  const file = serverPidFileOf(databasePath);
  const pid = String(process.pid);
  fs.writeFileSync(file, `${pid}\n`);
  process.once('exit', () => {
    // Another server may have started on the same database since; its file stays.
    try {
      if (fs.readFileSync(file, 'utf8').trim() === pid) fs.rmSync(file);
    } catch {
      // Already gone.
    }
  });
}

/** A killed process nobody has reaped yet still answers signal 0 (Linux only; elsewhere assume not). */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * The pid of a live server on this database, or null. A file left by a server
 * that was killed names a process that no longer exists and is ignored, so a
 * crash never blocks a restore.
 */
export function runningServerPid(databasePath: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(serverPidFileOf(databasePath), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return isZombie(pid) ? null : pid;
  } catch (error) {
    // EPERM: the process exists but belongs to another user, so it is running.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
