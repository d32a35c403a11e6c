'use server';

import { redirect } from 'next/navigation';
import { formStateFromError, type FormState } from '@/lib/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateEverything } from '@/lib/cache';
import { isAppError } from '@/lib/errors';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/releases';

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

export async function addReleaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  const meshSlug = text(form, 'mesh') ?? '';
  const input = { label: text(form, 'label'), releasedOn: text(form, 'releasedOn'), releaseNotesUrl: text(form, 'releaseNotesUrl') };
  let label: string;
  try {
    label = addRelease(await getCurrentUser(), meshSlug, input).version.label;
  } catch (error) {
    return formStateFromError(error, input);
  }
  revalidateEverything();
  redirect(`/meshes/${encodeURIComponent(meshSlug)}/manage?added=${encodeURIComponent(label)}`);
}

export async function updateReleaseAction(form: FormData): Promise<void> {
  const meshSlug = text(form, 'mesh') ?? '';
  const label = text(form, 'label') ?? '';
  let problem: string | null = null;
  try {
    updateRelease(await getCurrentUser(), meshSlug, label, { releasedOn: text(form, 'releasedOn'), releaseNotesUrl: text(form, 'releaseNotesUrl') });
    revalidateEverything();
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = `${label}: ${error.message}`;
  }
  redirect(`/meshes/${encodeURIComponent(meshSlug)}/manage?${problem ? `problem=${encodeURIComponent(problem)}` : `updated=${encodeURIComponent(label)}`}`);
}

export async function setMeshStatusAction(form: FormData): Promise<void> {
  const meshSlug = text(form, 'mesh') ?? '';
  let problem: string | null = null;
  try {
    setMeshStatus(await getCurrentUser(), meshSlug, { status: text(form, 'status'), reason: text(form, 'reason') ?? '' });
    revalidateEverything();
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  redirect(`/meshes/${encodeURIComponent(meshSlug)}/manage?${problem ? `problem=${encodeURIComponent(problem)}` : 'status=changed'}`);
}
