/**
 * The static limit the bench compares cached `/` with: a bare node:http server answering every request with the same
 * bytes. It runs in a process of its own, like the app, so the load generator in the bench's process cannot starve it.
 * It is a plain-JavaScript script run by `node -e`, so no TypeScript loader sits in the measured process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bareServerScript = `
const http = require('node:http');
const fs = require('node:fs');
const [file, port] = process.argv.slice(1);
const body = fs.readFileSync(file);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => console.log('listening'));
`;

export interface BareServer {
  base: string;
  stop: () => Promise<void>;
}

/** Serves `body` from a node:http server in its own process on 127.0.0.1:`port`. */
export async function startBareServer(body: string, port: number, dir: string): Promise<BareServer> {
  const file = path.join(dir, `bare-${port}.html`);
  fs.writeFileSync(file, body);
  const child: ChildProcess = spawn(process.execPath, ['-e', bareServerScript, file, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
