/**
 * The security headers of every answer, in one place: next.config.ts gives them to everything Next answers, and the
 * server's own refusals (lib/next/render-gate.ts), which never reach Next, take the same set. This module imports
 * nothing, so next.config.ts can read it.
 */

// Next inlines its RSC payload as <script> tags in static pages, so scripts need 'unsafe-inline' (nonces would make
// every page dynamic); never 'unsafe-eval'. Development needs eval for fast refresh, so the policy is production-only.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

// The embeds (/embed/**) are made to be framed by any site, and are plain HTML with inline styles and no scripts, so
// their policy allows every ancestor and nothing else; it holds in development too, as nothing there needs eval.
const embedContentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
].join('; ');

type Header = { key: string; value: string };

const securityHeaders: Header[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** Everything but the embeds refuses to be framed (clickjacking). */
function unframableHeaders(production: boolean): Header[] {
  return [
    ...(production ? [{ key: 'Content-Security-Policy', value: contentSecurityPolicy }] : []),
    { key: 'X-Frame-Options', value: 'DENY' },
  ];
}

const embedHeaders: Header[] = [{ key: 'Content-Security-Policy', value: embedContentSecurityPolicy }];

// HSTS only where TLS ends in front of us (a proxy that says so); plain-http local use must keep working.
const strictTransportSecurity: Header = {
  key: 'Strict-Transport-Security',
  value: 'max-age=63072000; includeSubDomains',
};

/** next.config.ts's `headers()`. */
export function securityHeaderRules(production: boolean) {
  return [
    { source: '/:path*', headers: securityHeaders },
    { source: '/:path((?!embed/).*)', headers: unframableHeaders(production) },
    { source: '/embed/:path+', headers: embedHeaders },
    {
      source: '/:path*',
      has: [{ type: 'header' as const, key: 'x-forwarded-proto', value: 'https' }],
      headers: [strictTransportSecurity],
    },
  ];
}

/** The same headers as the rules above give an answer for `pathname`, for an answer written without Next. */
export function securityHeadersFor(
  pathname: string,
  forwardedProto: string | undefined,
  production: boolean,
): Record<string, string> {
  const headers = [
    ...securityHeaders,
    ...(pathname.startsWith('/embed/') ? embedHeaders : unframableHeaders(production)),
    ...(forwardedProto === 'https' ? [strictTransportSecurity] : []),
  ];
  return Object.fromEntries(headers.map(({ key, value }) => [key, value]));
}
