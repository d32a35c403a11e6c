import Link from 'next/link';
import type { ComponentProps } from 'react';

/** The look of an inline text link, light and dark; one string so every link matches, the HTML-string matrix's included. */
export const textLinkClass = 'text-blue-700 underline dark:text-blue-300';

// Extra classes (weight, size) go first so a link's class list reads as it did before the kit.
function look(className: string | undefined): string {
  return className ? `${className} ${textLinkClass}` : textLinkClass;
}

/** A link to another page of the app, through the router; pass `prefetch={false}` where a prefetch could race a write. */
export function TextLink({ className, ...props }: ComponentProps<typeof Link>) {
  return <Link {...props} className={look(className)} />;
}

/**
 * A plain anchor, for what the router should not handle: feeds, the JSON API, other sites,
 * fragments on the same page, and pages that are loaded afresh on purpose.
 */
export function TextAnchor({ className, ...props }: ComponentProps<'a'>) {
  return <a {...props} className={look(className)} />;
}
