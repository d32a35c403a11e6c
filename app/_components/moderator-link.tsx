'use client';

import { hasRole } from '@/lib/rules/permissions';
import { useSessionUser } from './use-session-user';
import { TextAnchor } from '@/app/_components/ui/text-link';

/**
 * A link only moderators and admins see; the target page checks the role again on the server. Hidden rather than
 * absent for everyone else, so public/islands.js can show it on a page served without React.
 */
export function ModeratorLink({ href, children }: { href: string; children: string }) {
  const user = useSessionUser();
  return (
    <TextAnchor href={href} className="text-sm" hidden={!hasRole(user, 'moderator')} data-island="moderator-link">
      {children}
    </TextAnchor>
  );
}
