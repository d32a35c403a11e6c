import type { Role } from '@/db/schema';

/** Local-only accounts behind AUTH_DEMO=1, one per role, for trying the site and for tests. */
export const demoAccounts: Record<string, { name: string; role: Role; email: string }> = {
  alice: { name: 'alice', role: 'contributor', email: 'alice@demo.mesh-matrix.invalid' },
  mo: { name: 'mo', role: 'moderator', email: 'mo@demo.mesh-matrix.invalid' },
  ada: { name: 'ada', role: 'admin', email: 'ada@demo.mesh-matrix.invalid' },
};
