'use server';

import { redirect } from 'next/navigation';
import { formStateFromError, formText, type FormState } from '@/lib/actions';
import { banUser, changeUserRole, unbanUser } from '@/lib/admin-users';
import { getCurrentUser } from '@/lib/auth/session';

// Role and ban show on no public page, and every request reads them from the database, so no cache needs revalidating.

export async function changeUserRoleAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { userId: formText(form, 'userId'), role: formText(form, 'role'), reason: formText(form, 'reason') };
  let userId: number;
  try {
    userId = changeUserRole(await getCurrentUser(), input).id;
  } catch (error) {
    return formStateFromError(error, input);
  }
  redirect(`/admin/users/${userId}?done=role`);
}

export async function banUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { userId: formText(form, 'userId'), reason: formText(form, 'reason') };
  let userId: number;
  try {
    userId = banUser(await getCurrentUser(), input).id;
  } catch (error) {
    return formStateFromError(error, input);
  }
  redirect(`/admin/users/${userId}?done=ban`);
}

export async function unbanUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { userId: formText(form, 'userId'), reason: formText(form, 'reason') };
  let userId: number;
  try {
    userId = unbanUser(await getCurrentUser(), input).id;
  } catch (error) {
    return formStateFromError(error, input);
  }
  redirect(`/admin/users/${userId}?done=unban`);
}
