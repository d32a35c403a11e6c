import http from 'node:http';

const pinned = Symbol.for('mesh-matrix.forwarded-headers-pinned');

/**
 * Without a trusted reverse proxy in front, `X-Forwarded-*` headers come from
 * the client itself, and Next only fills them in when they are missing: a
 * client could name any address (dodging its rate limit) or any host (Next's
 * server-action origin check compares against it). So every request's
 * `X-Forwarded-For` is overwritten with the socket's address and
 * `X-Forwarded-Host` is dropped, before Next reads them. `X-Forwarded-Proto`
 * stays: a TLS-terminating proxy sets it for HSTS, and a client that claims
 * https only earns itself that header. `next start` gives
 * no other hook at the socket, hence the patch of the server's `emit`.
 */
export function pinForwardedHeaders(): void {
  const prototype = http.Server.prototype as http.Server & { [pinned]?: boolean };
  if (prototype[pinned]) return;
  prototype[pinned] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers['x-forwarded-for'] = request.socket.remoteAddress ?? 'unknown';
      delete request.headers['x-forwarded-host'];
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof prototype.emit;
}
