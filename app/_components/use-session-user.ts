'use client';

import { useEffect, useState } from 'react';
import type { SessionUser } from '@/lib/next/auth/session-user';

export type { SessionUser };

let pending: Promise<SessionUser | null> | undefined;

function loadSessionUser(): Promise<SessionUser | null> {
  // One request per page load, shared by every island that needs the viewer.
  pending ??= fetch('/api/auth/session', { cache: 'no-store', credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null))
    .then((session: { user?: SessionUser } | null) => session?.user ?? null)
    .catch(() => null);
  return pending;
}

/** `undefined` while loading, `null` when signed out. Public pages stay cacheable because the viewer is fetched in the browser. */
export function useSessionUser(): SessionUser | null | undefined {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadSessionUser().then((u) => live && setUser(u));
    return () => {
      live = false;
    };
  }, []);
  return user;
}
