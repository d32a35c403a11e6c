import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const tsx = path.resolve('node_modules/.bin/tsx');

/** Runs one of lib/cli's tools on a database, as `npm run` would, and returns its exit code and non-empty lines. */
export function cli(script: string, args: string[], databasePath: string) {
  const result = spawnSync(tsx, ['--conditions=react-server', `lib/cli/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: databasePath },
  });
  const lines = (text: string) => text.split('\n').filter((line) => line.trim() && !line.includes('npm warn'));
  return { status: result.status, stdout: lines(result.stdout), stderr: lines(result.stderr) };
}
