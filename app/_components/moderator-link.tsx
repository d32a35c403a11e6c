'use client';

import { hasRole } from '@/lib/rules/permissions';
import { useSessionUser } from './use-session-user';
import { TextAnchor } from '@/app/_components/ui/text-link';

/** A link only moderators and admins see; the target page checks the role again on the server. */
export function ModeratorLink({ href, children }: { href: string; children: string }) {
  const user = useSessionUser();
  if (!hasRole(user, 'moderator')) return null;
  return (
    <TextAnchor href={href} className="text-sm">
      {children}
    </TextAnchor>
  );
}
