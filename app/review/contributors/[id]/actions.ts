'use server';

import type { FormState } from '@/lib/next/form-state';
import { setUserTrustInputOf } from '@/lib/next/form-inputs';
import { runFormCommand } from '@/lib/next/command-adapters';
import { setUserTrust } from '@/lib/server/users/trust';

/** The moderators' way to trust someone: the same command as the admin page's, back to this page. */
export async function setContributorTrustAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(
    setUserTrust,
    setUserTrustInputOf(form),
    (user) => `/review/contributors/${user.id}?done=${user.trusted ? 'trust' : 'untrust'}`,
  );
}
