'use client';

import { hasRole } from '@/lib/rules/permissions';
import { useSessionUser } from './use-session-user';

/** A link only moderators and admins see; the target page checks the role again on the server. */
export function ModeratorLink({ href, children }: { href: string; children: string }) {
  const user = useSessionUser();
  if (!hasRole(user, 'moderator')) return null;
  return (
    <a href={href} className="text-sm text-blue-700 underline dark:text-blue-300">
      {children}
    </a>
  );
}
