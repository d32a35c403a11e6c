/**
 * Starts what the end-to-end suite talks to: a real OpenID Connect provider
 * (oauth2-mock-server on 127.0.0.1) and the production server on a fresh
 * SQLite file, with the demo accounts on. Builds first unless
 * E2E_SKIP_BUILD=1; build and server share DATABASE_PATH so prerendered pages
 * match the data. With E2E_WAIT_FOR (a URL) it starts only once that answers:
 * the second server reuses the first one's build, so it waits for it.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { OAuth2Server } from 'oauth2-mock-server';
import { e2eEnv, oidcPort, oidcUser } from './env';
import { buildCommand, serverCommand } from '../support/next-bin';

const dir = path.dirname(e2eEnv.DATABASE_PATH);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const env = { ...process.env, ...e2eEnv };

async function main() {
  const oidc = new OAuth2Server();
  await oidc.issuer.keys.generate('RS256');
  oidc.issuer.url = e2eEnv.AUTH_OIDC_ISSUER;
  // Its tokens carry no profile unless we add one.
  oidc.service.on('beforeTokenSigning', (token) => {
    Object.assign(token.payload, { sub: oidcUser.sub, email: oidcUser.email, name: oidcUser.name });
  });
  oidc.service.on('beforeUserinfo', (response) => {
    response.body = { sub: oidcUser.sub, email: oidcUser.email, name: oidcUser.name };
  });
  await oidc.start(oidcPort, '127.0.0.1');

  const waitFor = process.env.E2E_WAIT_FOR;
  while (
    waitFor &&
    !(await fetch(waitFor).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync(...buildCommand, { env, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = spawn(...serverCommand(e2eEnv.E2E_PORT), { env, stdio: 'inherit' });
  const stop = () => {
    server.kill('SIGTERM');
    void oidc.stop();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}

void main();
