'use server';

import { redirect } from 'next/navigation';
import { formStateFromError, formText, type FormState } from '@/lib/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateEverything } from '@/lib/cache';
import { isAppError } from '@/lib/errors';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/releases';

export async function addReleaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  const meshSlug = formText(form, 'mesh') ?? '';
  const input = { label: formText(form, 'label'), releasedOn: formText(form, 'releasedOn'), releaseNotesUrl: formText(form, 'releaseNotesUrl') };
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
  const meshSlug = formText(form, 'mesh') ?? '';
  const label = formText(form, 'label') ?? '';
  let problem: string | null = null;
  try {
    updateRelease(await getCurrentUser(), meshSlug, label, { releasedOn: formText(form, 'releasedOn'), releaseNotesUrl: formText(form, 'releaseNotesUrl') });
    revalidateEverything();
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = `${label}: ${error.message}`;
  }
  redirect(`/meshes/${encodeURIComponent(meshSlug)}/manage?${problem ? `problem=${encodeURIComponent(problem)}` : `updated=${encodeURIComponent(label)}`}`);
}

export async function setMeshStatusAction(form: FormData): Promise<void> {
  const meshSlug = formText(form, 'mesh') ?? '';
  let problem: string | null = null;
  try {
    setMeshStatus(await getCurrentUser(), meshSlug, { status: formText(form, 'status'), reason: formText(form, 'reason') ?? '' });
    revalidateEverything();
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  redirect(`/meshes/${encodeURIComponent(meshSlug)}/manage?${problem ? `problem=${encodeURIComponent(problem)}` : 'status=changed'}`);
}
