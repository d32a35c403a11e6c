'use server';

import { redirect } from 'next/navigation';
import { formStateFromError, formText, problemParam, type FormState } from '@/lib/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateEverything } from '@/lib/cache';
import { isAppError } from '@/lib/errors';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/releases';
import { slugSchema } from '@/lib/validation';

/** Back to the mesh's manage page, or to the mesh list when the form's mesh field was tampered with. */
function managePath(meshSlug: string): string {
  return slugSchema.safeParse(meshSlug).success ? `/meshes/${meshSlug}/manage` : '/meshes';
}

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
  redirect(`${managePath(meshSlug)}?added=${encodeURIComponent(label)}`);
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
  redirect(`${managePath(meshSlug)}?${problem ? problemParam(problem) : `updated=${encodeURIComponent(label)}`}`);
}

export async function setMeshStatusAction(form: FormData): Promise<void> {
  const meshSlug = formText(form, 'mesh') ?? '';
  let problem: string | null = null;
  try {
    setMeshStatus(await getCurrentUser(), meshSlug, { status: formText(form, 'status'), reason: formText(form, 'reason') ?? '', sourceUrl: formText(form, 'sourceUrl') ?? '' });
    revalidateEverything();
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  redirect(`${managePath(meshSlug)}?${problem ? problemParam(problem) : 'status=changed'}`);
}
