'use client';

import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { usePathname } from 'next/navigation';
import { hasRole } from '@/lib/rules/permissions';
import { useSessionUser } from './use-session-user';

/** On a reading page, served without React, public/islands.js does what this does, starting from the same link. */
export function UserMenu() {
  const user = useSessionUser();
  const pathname = usePathname();
  if (!user) {
    return (
      <a
        href={`/signin?callbackUrl=${encodeURIComponent(pathname || '/')}`}
        className="text-sm font-medium underline"
        data-island="user-menu"
      >
        Sign in
      </a>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span>
        Signed in as <strong>{user.name ?? `user ${user.id}`}</strong>{' '}
        <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-800">
          {user.banned ? 'banned' : user.role}
        </span>
      </span>
      {/* No prefetch: the header is on every page, and each of these is a per-user page rendered on request. */}
      <Link href="/proposals" prefetch={false} className="underline">
        My proposals
      </Link>
      <Link href="/watchlist" prefetch={false} className="underline">
        Watchlist
      </Link>
      {user.pendingReviews !== undefined ? (
        <Link href="/review" prefetch={false} className="underline">
          Review{' '}
          <span className="rounded bg-violet-200 px-1.5 text-xs font-semibold text-violet-950">
            {user.pendingReviews}
          </span>
          <span className="sr-only"> pending proposals</span>
        </Link>
      ) : null}
      {hasRole(user, 'admin') ? (
        <Link href="/admin/users" prefetch={false} className="underline">
          Admin
        </Link>
      ) : null}
      <button type="button" onClick={() => signOut({ callbackUrl: '/' })} className="underline">
        Sign out
      </button>
    </div>
  );
}
