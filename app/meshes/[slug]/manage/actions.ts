'use server';

import { problemParam, type FormState } from '@/lib/next/form-state';
import { addReleaseInputOf, setMeshStatusInputOf, updateReleaseInputOf } from '@/lib/next/form-inputs';
import { runButtonCommand, runFormCommand } from '@/lib/next/command-adapters';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/server/releases/releases';
import { slugSchema } from '@/lib/rules/validation';

/** Back to the mesh's manage page, or to the mesh list when the form's mesh field was tampered with. */
function managePath(meshSlug: string): string {
  return slugSchema.safeParse(meshSlug).success ? `/meshes/${meshSlug}/manage` : '/meshes';
}

export async function addReleaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = addReleaseInputOf(form);
  const { mesh, ...typed } = input;
  return runFormCommand(
    addRelease,
    input,
    ({ version }) => `${managePath(mesh)}?added=${encodeURIComponent(version.label)}`,
    typed,
  );
}

export async function updateReleaseAction(form: FormData): Promise<void> {
  const input = updateReleaseInputOf(form);
  await runButtonCommand(updateRelease, input, {
    done: () => `${managePath(input.mesh)}?updated=${encodeURIComponent(input.version)}`,
    problem: (error) => `${managePath(input.mesh)}?${problemParam(`${input.version}: ${error.message}`)}`,
  });
}

export async function setMeshStatusAction(form: FormData): Promise<void> {
  const input = setMeshStatusInputOf(form);
  await runButtonCommand(setMeshStatus, input, {
    done: () => `${managePath(input.mesh)}?status=changed`,
    problem: (error) => `${managePath(input.mesh)}?${problemParam(error.message)}`,
  });
}
