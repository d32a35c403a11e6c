import { parseEnv } from '../server/env';
import { ForbiddenError } from '../rules/errors';

/*
 * Who a request comes from, decided from what the operator configured rather
 * than from headers a client controls. `Host` and `X-Forwarded-Host` are
 * believed only behind a reverse proxy the operator vouches for
 * (TRUSTED_PROXY=1); otherwise the site's own address is SITE_URL or
 * NEXTAUTH_URL, and only a local install with neither falls back to `Host`.
 */

/** The origins a state-changing request may come from. */
export function siteOrigins(headers: Headers): Set<string> {
  const env = parseEnv();
  const origins = new Set<string>();
  for (const url of [env.SITE_URL, env.NEXTAUTH_URL]) if (url) origins.add(new URL(url).origin);
  const forwardedHost = env.TRUSTED_PROXY ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  if (forwardedHost) {
    const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
    origins.add(`${proto}://${forwardedHost}`);
  }
  const host = headers.get('host');
  if (host && (env.TRUSTED_PROXY || origins.size === 0)) {
    origins.add(`http://${host}`);
    origins.add(`https://${host}`);
  }
  return origins;
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Why a state-changing request is refused as cross-site, or null: it must
 * carry a same-origin `Origin`, or (where a browser omits that) a same-origin
 * `Referer`.
 */
export function crossSiteProblem(headers: Headers): string | null {
  const allowed = siteOrigins(headers);
  const origin = headers.get('origin');
  if (origin && origin !== 'null') {
    return allowed.has(origin) ? null : `Cross-site request refused: Origin ${originOf(origin) ?? 'is malformed'}.`;
  }
  const referer = originOf(headers.get('referer'));
  if (referer) return allowed.has(referer) ? null : 'Cross-site request refused: Referer is another site.';
  return 'Cross-site request refused: send a same-origin Origin header.';
}

export function requireSameOrigin(headers: Headers): void {
  const problem = crossSiteProblem(headers);
  if (problem) throw new ForbiddenError(problem);
}

/**
 * The client's address. Without a trusted proxy it is the socket's address,
 * which instrumentation.ts writes into `X-Forwarded-For` over anything the
 * client sent; behind one, the proxy appends the address it saw, so the last
 * entry is the one to believe.
 */
export function clientAddressOf(headers: Headers): string {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const address = parseEnv().TRUSTED_PROXY ? entries.at(-1) : entries[0];
  return address ?? 'unknown';
}
