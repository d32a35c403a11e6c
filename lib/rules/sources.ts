import type { Source } from '@/db/schema';

export const MAX_URL_LENGTH = 2048;

/** Why a source URL is unacceptable, or null when it is a well-formed http(s) URL. */
export function sourceUrlProblem(url: string): string | null {
  if (url.length > MAX_URL_LENGTH) return `is longer than ${MAX_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must start with http:// or https://';
  if (!parsed.hostname) return 'has no host';
  return null;
}

/** The address to link a stored source to, or null when it is not a well-formed http(s) URL (it is then shown as text). */
export function sourceHref(source: Pick<Source, 'url'>): string | null {
  return sourceUrlProblem(source.url) === null ? source.url : null;
}

export function isPublishableSourceList(sources: Source[]): boolean {
  return sources.length > 0 && sources.every((s) => sourceUrlProblem(s.url) === null);
}
