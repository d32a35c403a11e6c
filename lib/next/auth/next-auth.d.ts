import type { DefaultSession } from 'next-auth';
import type { SessionUser } from './session-user';

// One declaration of what our sessions and tokens carry, so no caller casts them.
declare module 'next-auth' {
  interface Session {
    user?: SessionUser & DefaultSession['user'];
  }
  interface User {
    /** Our users.id, set at sign-in for the JWT callback. */
    uid?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
  }
}
