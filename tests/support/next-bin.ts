import fs from 'node:fs';
import path from 'node:path';

/** The production build, as package.json defines it: `next build`, then the server's bundle (lib/next/start-server.ts). */
export const buildCommand: [string, string[]] = ['npm', ['run', 'build']];

const SERVER_SCRIPT = '.next/start-server.js';

/**
 * The node options `npm start` gives the server (the heap cap: the README's "The large data set"), read from package.json so
 * the suites and the bench run the server exactly as it is deployed.
 */
export function serverNodeOptions(packageJson = path.resolve('package.json')): string[] {
  const start: unknown = JSON.parse(fs.readFileSync(packageJson, 'utf8')).scripts?.start;
  const words = typeof start === 'string' ? start.trim().split(/\s+/) : [];
  if (words[0] !== 'node' || words.at(-1) !== SERVER_SCRIPT)
    throw new Error(
      `package.json: the start script must be "node [options] ${SERVER_SCRIPT}", not ${JSON.stringify(start)}`,
    );
  return words.slice(1, -1);
}

/**
 * The production server as `npm start` runs it, on one address: node itself (not npm), so that killing the process
 * stops the server too.
 */
export function serverCommand(port: string | number, hostname = '127.0.0.1'): [string, string[]] {
  return [process.execPath, [...serverNodeOptions(), path.resolve(SERVER_SCRIPT), '-p', String(port), '-H', hostname]];
}
