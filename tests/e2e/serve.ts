/**
 * Starts the production server for the end-to-end suite on a fresh SQLite
 * file: builds (unless E2E_SKIP_BUILD=1), then `next start`. The build and
 * the server use the same DATABASE_PATH, so prerendered pages match the data.
 */
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const port = process.env.E2E_PORT ?? '3210';
const dir = path.resolve('tests/e2e/.data');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const env = { ...process.env, DATABASE_PATH: path.join(dir, 'e2e.db'), NEXT_TELEMETRY_DISABLED: '1' };

if (process.env.E2E_SKIP_BUILD !== '1') {
  const build = spawnSync('npx', ['next', 'build'], { env, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn('npx', ['next', 'start', '-p', port, '-H', '127.0.0.1'], { env, stdio: 'inherit' });
const stop = () => server.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 0));
