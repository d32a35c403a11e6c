import path from 'node:path';

/** The production build, as package.json defines it: `next build`, then the server's bundle (lib/next/start-server.ts). */
export const buildCommand: [string, string[]] = ['npm', ['run', 'build']];

/**
 * The production server as `npm start` runs it, on one address: node itself (not npm), so that killing the process
 * stops the server too.
 */
export function serverCommand(port: string | number, hostname = '127.0.0.1'): [string, string[]] {
  return [process.execPath, [path.resolve('.next/start-server.js'), '-p', String(port), '-H', hostname]];
}
