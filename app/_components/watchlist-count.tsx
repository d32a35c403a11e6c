'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useSessionUser } from './use-session-user';

/**
 * The header's unread count, fetched in the browser so the cached pages it sits on stay the same for everyone.
 * Nothing while loading, when signed out, or when nothing is unread. It asks again on every navigation, so visiting
 * /watchlist (which marks everything seen) clears it.
 */
const className = 'rounded bg-sky-200 px-1.5 text-xs font-semibold text-sky-950 underline';

export function WatchlistCount() {
  const user = useSessionUser();
  const pathname = usePathname();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!user) return;
    let live = true;
    fetch('/api/v1/watchlist', { cache: 'no-store', credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { unread?: unknown } | null) => {
        if (live) setUnread(typeof body?.unread === 'number' ? body.unread : 0);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [user, pathname]);
  // Hidden rather than absent, so public/islands.js finds the place and the look on a page served without React.
  if (!user || unread === 0) return <a hidden href="/watchlist" className={className} data-island="watchlist-count" />;
  const label = `${unread} unread on your watchlist`;
  return (
    <Link href="/watchlist" prefetch={false} aria-label={label} title={label} className={className}>
      {unread} new
    </Link>
  );
}
