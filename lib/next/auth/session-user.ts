import type { Role } from '@/db/schema';

/** The viewer as the session reports them, on the server and in the browser alike. */
export interface SessionUser {
  id: number;
  name: string | null;
  role: Role;
  banned: boolean;
  /** Only for moderators and admins. */
  pendingReviews?: number;
}
