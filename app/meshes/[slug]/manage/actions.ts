'use server';

import { formText, problemParam, type FormState } from '@/lib/next/form-state';
import { runButtonCommand, runFormCommand } from '@/lib/next/command-adapters';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/server/releases/releases';
import { slugSchema } from '@/lib/rules/validation';

/** Back to the mesh's manage page, or to the mesh list when the form's mesh field was tampered with. */
function managePath(meshSlug: string): string {
  return slugSchema.safeParse(meshSlug).success ? `/meshes/${meshSlug}/manage` : '/meshes';
}

export async function addReleaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  const mesh = formText(form, 'mesh') ?? '';
  const typed = {
    label: formText(form, 'label'),
    releasedOn: formText(form, 'releasedOn'),
    releaseNotesUrl: formText(form, 'releaseNotesUrl'),
  };
  return runFormCommand(
    addRelease,
    { mesh, ...typed },
    ({ version }) => `${managePath(mesh)}?added=${encodeURIComponent(version.label)}`,
    typed,
  );
}

export async function updateReleaseAction(form: FormData): Promise<void> {
  const mesh = formText(form, 'mesh') ?? '';
  const label = formText(form, 'label') ?? '';
  await runButtonCommand(
    updateRelease,
    {
      mesh,
      version: label,
      releasedOn: formText(form, 'releasedOn'),
      releaseNotesUrl: formText(form, 'releaseNotesUrl'),
    },
    {
      done: () => `${managePath(mesh)}?updated=${encodeURIComponent(label)}`,
      problem: (error) => `${managePath(mesh)}?${problemParam(`${label}: ${error.message}`)}`,
    },
  );
}

export async function setMeshStatusAction(form: FormData): Promise<void> {
  const mesh = formText(form, 'mesh') ?? '';
  await runButtonCommand(
    setMeshStatus,
    {
      mesh,
      status: formText(form, 'status'),
      reason: formText(form, 'reason') ?? '',
      sourceUrl: formText(form, 'sourceUrl') ?? '',
    },
    {
      done: () => `${managePath(mesh)}?status=changed`,
      problem: (error) => `${managePath(mesh)}?${problemParam(error.message)}`,
    },
  );
}
