/**
 * Whether an If-None-Match header lists `etag`, by RFC 9110's weak comparison (the one If-None-Match uses): `W/` is
 * ignored on both sides, and `*` matches any. One rule for the pages (proxy), the route handlers and the light server.
 */
export function listsEtag(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
