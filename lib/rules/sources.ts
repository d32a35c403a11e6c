import type { Source } from '@/db/schema';

export const MAX_URL_LENGTH = 2048;

/**
 * URLs already checked, with their answer: pages link thousands of sources (a release diff of the large data set,
 * 1,600), most of them repeated, and parsing each with `new URL` was a few milliseconds of every render.
 */
const checkedUrls = new Map<string, string | null>();
const MAX_CHECKED_URLS = 10_000;

/** Why a source URL is unacceptable, or null when it is a well-formed http(s) URL. */
export function sourceUrlProblem(url: string): string | null {
  const known = checkedUrls.get(url);
  if (known !== undefined) return known;
  const problem = findSourceUrlProblem(url);
  if (checkedUrls.size >= MAX_CHECKED_URLS) checkedUrls.clear();
  checkedUrls.set(url, problem);
  return problem;
}

function findSourceUrlProblem(url: string): string | null {
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
