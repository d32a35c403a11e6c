'use server';

import type { FormState } from '@/lib/next/form-state';
import { changeUserRoleInputOf, setUserTrustInputOf, userBanInputOf } from '@/lib/next/form-inputs';
import { banUser, changeUserRole, unbanUser } from '@/lib/server/users/admin-users';
import { setUserTrust } from '@/lib/server/users/trust';
import { runFormCommand } from '@/lib/next/command-adapters';

export async function changeUserRoleAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(changeUserRole, changeUserRoleInputOf(form), ({ user }) => `/admin/users/${user.id}?done=role`);
}

export async function banUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(banUser, userBanInputOf(form), (user) => `/admin/users/${user.id}?done=ban`);
}

export async function unbanUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(unbanUser, userBanInputOf(form), ({ user }) => `/admin/users/${user.id}?done=unban`);
}

export async function setUserTrustAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(
    setUserTrust,
    setUserTrustInputOf(form),
    (user) => `/admin/users/${user.id}?done=${user.trusted ? 'trust' : 'untrust'}`,
  );
}
