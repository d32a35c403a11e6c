'use server';

import { formText, type FormState } from '@/lib/next/form-state';
import { banUser, changeUserRole, unbanUser } from '@/lib/server/users/admin-users';
import { runFormCommand } from '@/lib/next/command-adapters';

export async function changeUserRoleAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { userId: formText(form, 'userId'), role: formText(form, 'role'), reason: formText(form, 'reason') };
  return runFormCommand(changeUserRole, input, ({ user }) => `/admin/users/${user.id}?done=role`);
}

export async function banUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { userId: formText(form, 'userId'), reason: formText(form, 'reason') };
  return runFormCommand(banUser, input, (user) => `/admin/users/${user.id}?done=ban`);
}

export async function unbanUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { userId: formText(form, 'userId'), reason: formText(form, 'reason') };
  return runFormCommand(unbanUser, input, ({ user }) => `/admin/users/${user.id}?done=unban`);
}
