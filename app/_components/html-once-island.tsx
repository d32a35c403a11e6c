'use client';

import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { readStashedHtml } from '@/lib/next/html-stash';

type Props = Omit<HTMLAttributes<HTMLDivElement>, 'dangerouslySetInnerHTML' | 'children'> & { htmlKey: string };

/** Finds this island's markup in a fresh copy of the page: what a client-side navigation has to do, as its payload carries only the key. */
async function fetchIslandHtml(key: string): Promise<string | null> {
  // Past the HTTP cache: pages allow stale-while-revalidate, so a cached copy would be the table before the write
  // that brought the reader here.
  const response = await fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) return null;
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  return doc.querySelector(`[data-html-once="${CSS.escape(key)}"]`)?.innerHTML ?? null;
}

/**
 * Server-rendered markup that is sent once. The server render reads it from the stash (lib/next/html-stash.ts); the
 * browser keeps what the HTML brought, because React leaves a hydrated element's inner HTML alone. When the page was
 * reached by a client-side navigation there is no such HTML, so the island fetches the page and takes its own part,
 * or loads the page in full if the markup has changed since.
 */
export function HtmlOnceIsland({ htmlKey, ...props }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  /** The key whose markup the element holds: null until hydration or the first fetch. */
  const shown = useRef<string | null>(null);
  const [fetched, setFetched] = useState<string | null>(null);
  const html = typeof window === 'undefined' ? (readStashedHtml(htmlKey) ?? '') : (fetched ?? '');
  useEffect(() => {
    const element = ref.current;
    if (!element || shown.current === htmlKey) return;
    if (shown.current === null && element.firstChild) {
      shown.current = htmlKey;
      return;
    }
    let live = true;
    void fetchIslandHtml(htmlKey)
      .catch(() => null)
      .then((markup) => {
        if (!live) return;
        if (markup === null) {
          window.location.reload();
          return;
        }
        shown.current = htmlKey;
        setFetched(markup);
      });
    return () => {
      live = false;
    };
  }, [htmlKey]);
  return (
    <div
      ref={ref}
      {...props}
      data-html-once={htmlKey}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
