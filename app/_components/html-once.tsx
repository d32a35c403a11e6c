import type { HTMLAttributes } from 'react';
import { stashHtml } from '@/lib/next/stash-html';
import { RAW_MARKUP_END, RAW_MARKUP_START } from '@/lib/rules/strip-next-runtime';
import { HtmlOnceIsland } from './html-once-island';

/**
 * A large block of server-built markup (a table of thousands of cells) sent once. Given to a plain element as
 * `dangerouslySetInnerHTML`, it would travel twice: in the HTML and again, escaped, in the page's RSC payload that
 * hydration reads. Here the payload carries only a key.
 */
export function HtmlOnce({
  html,
  ...props
}: Omit<HTMLAttributes<HTMLDivElement>, 'dangerouslySetInnerHTML' | 'children'> & { html: string }) {
  // The markers let the server's stripping of Next's runtime skip the block (lib/rules/strip-next-runtime.ts).
  return <HtmlOnceIsland htmlKey={stashHtml(RAW_MARKUP_START + html + RAW_MARKUP_END)} {...props} />;
}
