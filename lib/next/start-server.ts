/**
 * The production server (`npm start`, the container, the end-to-end suite, the bench): Next's own request handler, as
 * `next start` runs it (instrumentation.ts, proxy.ts, next.config.ts headers and rewrites, gzip, ETags), behind a
 * node:http server that refuses over-limit renders before Next sees them (lib/next/render-gate.ts) and serves reading
 * pages without Next's client runtime (lib/next/light-response.ts: App Router has no per-route switch for that, so it
 * is done here, on the bytes).
 *
 * Takes what `next start` takes: `-p/--port` (else PORT, else 3000) and `-H/--hostname` (else every interface). Not
 * HOSTNAME, which `next start` ignores too: Docker sets it to the container's id. `npm run build` bundles it (with esbuild, `next` left as a package) into .next/start-server.js, so the
 * server runs on plain node and the build output is all a container needs.
 */
import http from 'node:http';
import path from 'node:path';
import { isLightRequest, serveLight } from './light-response';
import { countRendersInServer } from './rate-limits';
import { createRenderGate } from './render-gate';

interface Listen {
  port: number;
  hostname: string | undefined;
}

/** `-p 3000 -H 127.0.0.1` (or `--port=3000`), falling back on PORT as `next start` does. */
function readListenOptions(argv: string[], env: NodeJS.ProcessEnv): Listen {
  let port = env.PORT;
  let hostname: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '-p' || flag === '--port') port = value();
    else if (flag === '-H' || flag === '--hostname') hostname = value();
    else throw new Error(`unknown option ${argv[i]} (takes -p PORT and -H HOSTNAME)`);
  }
  const number = Number(port ?? 3000);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new Error(`invalid port ${port}`);
  return { port: number, hostname: hostname || undefined };
}

async function startServer(): Promise<void> {
  const started = Date.now();
  const { port, hostname } = readListenOptions(process.argv.slice(2), process.env);
  // As `next start` does, and before Next loads: next.config.ts and Next itself read it when they load.
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? 'production' });
  const { default: next } = await import('next');
  // The bundle sits in .next/, one level below the app.
  const app = next({ dev: false, dir: path.resolve(__dirname, '..'), hostname: hostname ?? 'localhost', port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const refuseOverLimitRender = createRenderGate();
  countRendersInServer();
  const server = http.createServer((req, res) => {
    if (refuseOverLimitRender(req, res)) return;
    const served = isLightRequest(req) ? serveLight(req, res, handle) : handle(req, res);
    served.catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.on('error', (error) => {
    console.error(`Failed to start server: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.log(`  ✓ Ready in ${Date.now() - started}ms on http://${hostname ?? 'localhost'}:${port}`);
  });

  let closing = false;
  const stopServer = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    // Finish the requests under way, let Next close (its after() callbacks), then close the database
    // (closeConnection, lib/server/db.ts, bundled apart and found on globalThis).
    const closeDatabase = async () =>
      (globalThis as { meshMatrixCloseDatabase?: () => Promise<void> }).meshMatrixCloseDatabase?.();
    server.close(
      () =>
        void app
          .close()
          .then(closeDatabase)
          .catch((error: unknown) => console.error(error))
          .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)),
    );
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stopServer);
  process.on('SIGINT', stopServer);
}

void startServer().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
