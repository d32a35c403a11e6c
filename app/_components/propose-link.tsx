'use client';

import { useSessionUser } from './use-session-user';

/**
 * The cell page is cached for everyone, so whether to offer "Propose a change"
 * or "Sign in to propose a change" is decided in the browser. Without
 * JavaScript the link leads to the form page, which asks for sign-in itself. On the cell page, which is served without
 * React, public/islands.js does the same to the link marked `data-island`.
 */
export function ProposeLink({ href }: { href: string }) {
  const user = useSessionUser();
  const className = 'inline-block rounded bg-blue-700 px-4 py-2 font-medium text-white no-underline hover:bg-blue-800';
  if (user === null) {
    return (
      <a href={`/signin?callbackUrl=${encodeURIComponent(href)}`} className={className}>
        Sign in to propose a change
      </a>
    );
  }
  if (user?.banned) return <p>Your account is banned from proposing changes.</p>;
  return (
    <a href={href} className={className} data-island="propose-link">
      Propose a change
    </a>
  );
}
