/**
 * What crawlers may not fetch: sign-in, moderation, administration, personal pages, every form, and the internal paths
 * the public URLs are rewritten to (lib/next/view-routes.ts), which would be duplicates of `/` and `/changes`.
 * `*` and `$` are the wildcard and end anchor Google and Bing honour.
 */
export const disallowedPaths = [
  '/admin',
  '/review',
  '/proposals',
  '/watchlist',
  '/signin',
  '/api/auth',
  '/changesets',
  // `$` ends the match, so a release labelled `managed` stays crawlable.
  '/meshes/*/manage$',
  '/meshes/*/*/*/propose$',
  '/cached-views',
  '/matrix-filtered',
  '/changes/filtered',
] as const;
