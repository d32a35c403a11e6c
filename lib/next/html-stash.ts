/**
 * Markup handed from a server component to the server-side render of its client island without passing through the
 * page's RSC payload (app/_components/html-once.tsx). Both run in the same server process, one after the other, so a
 * process-wide map is the channel; in the browser the map does not exist and nothing is found.
 *
 * No `server-only` here: the island reads it, and reading it in the browser is harmless.
 */
interface Entry {
  html: string;
  bytes: number;
  at: number;
}

export interface HtmlStash {
  entries: Map<string, Entry>;
  bytes: number;
}

const holder = globalThis as unknown as { meshMatrixHtmlStash?: HtmlStash };

export function htmlStash(): HtmlStash {
  return (holder.meshMatrixHtmlStash ??= { entries: new Map(), bytes: 0 });
}

/** The markup stashed under `key`, or undefined (always in the browser, or once it has been evicted). */
export function readStashedHtml(key: string): string | undefined {
  return holder.meshMatrixHtmlStash?.entries.get(key)?.html;
}
