/** One piece of a comment as shown: plain text, or a link to an http(s) address. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A run of characters that starts with http:// or https:// and contains no whitespace or angle brackets or quotes.
const urlPattern = /https?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than an address: "see https://x.example/a." links to /a.
const trailing = /[.,;:!?)\]}'"*]+$/;

/** Trims closing punctuation off a link, keeping a ")" that closes a "(" inside the address (Wikipedia-style paths). */
function trimTrailing(url: string): string {
  let end = url;
  for (;;) {
    const match = trailing.exec(end);
    if (!match) return end;
    const cut = end.slice(0, -match[0].length);
    const last = match[0];
    // Keep one ")" when the address opened a "(" it has not closed.
    if (last.startsWith(')') && (cut.match(/\(/g)?.length ?? 0) > (cut.match(/\)/g)?.length ?? 0)) {
      return cut + ')';
    }
    end = cut;
  }
}

/** True when the address parses as http(s) with a host: nothing else becomes a link. */
function isWebAddress(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Splits plain text into text and link parts. Only http and https addresses become links; everything else,
 * markup and `javascript:` included, stays text for React to escape. The link text is the address as typed.
 */
export function linkifyText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  const push = (chunk: string) => {
    if (!chunk) return;
    const previous = parts[parts.length - 1];
    if (previous?.kind === 'text') previous.text += chunk;
    else parts.push({ kind: 'text', text: chunk });
  };
  for (const match of text.matchAll(urlPattern)) {
    const start = match.index;
    const url = trimTrailing(match[0]);
    push(text.slice(at, start));
    if (url.length > 'https://'.length && isWebAddress(url)) parts.push({ kind: 'link', text: url, href: url });
    else push(url);
    at = start + url.length;
  }
  push(text.slice(at));
  return parts;
}
