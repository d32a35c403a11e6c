/** Only same-site paths may be a post-sign-in destination, so sign-in cannot be used as an open redirect. */
export function safeCallbackUrl(raw: string | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  return raw;
}
