/**
 * Where someone may be sent after signing in or out: a page of this site,
 * whatever the request carried. Anything else, malformed URLs included, goes
 * to the home page without throwing, so a hostile `callbackUrl` cannot turn
 * sign-in into an error either. Used as next-auth's redirect callback.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  try {
    const target = new URL(url, base);
    if (target.origin === base.origin) return target.href;
  } catch {
    // Malformed: treated like any other place we will not send people.
  }
  return base.href;
}

const placeholderOrigin = 'http://mesh-matrix.invalid';

/** Only same-site paths may be a post-sign-in destination, so sign-in cannot be used as an open redirect. */
export function safeCallbackUrl(raw: string | undefined): string {
  if (!raw) return '/';
  const url = new URL(safeRedirectUrl(raw, placeholderOrigin));
  return `${url.pathname}${url.search}${url.hash}`;
}
