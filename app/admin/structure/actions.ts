'use server';

import { capNotice, formText, type FormState } from '@/lib/next/form-state';
import type { Command } from '@/lib/server/command';
import {
  addCategoryInputOf,
  addFeatureInputOf,
  addMeshInputOf,
  forgetImportAliasInputOf,
  moveCategoryInputOf,
  moveFeatureInputOf,
  moveFeatureToCategoryInputOf,
  renameCategoryInputOf,
  renameMeshInputOf,
  setCategoryStatusInputOf,
  setFeatureStatusInputOf,
  setMeshStatusInputOf,
  updateFeatureInputOf,
} from '@/lib/next/form-inputs';
import { runButtonCommand, runFormCommand } from '@/lib/next/command-adapters';
import { removeImportAlias } from '@/lib/server/import/aliases';
import { setMeshStatus } from '@/lib/server/releases/releases';
import {
  addCategory,
  addFeature,
  addMesh,
  moveCategory,
  moveFeature,
  moveFeatureToCategory,
  renameCategory,
  renameMesh,
  setCategoryStatus,
  setFeatureStatus,
  updateFeature,
} from '@/lib/server/structure/structure';

const STRUCTURE = '/admin/structure';

/** Where a button form asked to come back to: only pages of this section (no open redirect), with an optional anchor. */
function backTo(form: FormData): { path: string; hash: string } {
  const match = /^(\/admin\/structure(?:\/(?:categories|rows|meshes)\/[a-z0-9-]+)?)(#[a-z0-9-]+)?$/.exec(
    formText(form, 'back') ?? '',
  );
  return match ? { path: match[1]!, hash: match[2] ?? '' } : { path: STRUCTURE, hash: '' };
}

function withNotice(path: string, kind: 'done' | 'problem', message: string, hash = ''): string {
  return `${path}?${kind}=${encodeURIComponent(capNotice(message))}${hash}`;
}

/** A form with field errors: success redirects to the page the result names, with a notice. */
function formAction<TResult>(
  command: Command<unknown, TResult, object>,
  input: Record<string, unknown>,
  done: (result: TResult) => { path: string; done: string; hash?: string },
): Promise<FormState> {
  return runFormCommand(command, input, (result) => {
    const { path, done: message, hash } = done(result);
    return withNotice(path, 'done', message, hash);
  });
}

/** A one-button form: the outcome is shown on the page it came from. */
function buttonAction<TResult>(
  form: FormData,
  command: Command<unknown, TResult, object>,
  input: Record<string, unknown>,
  done: (result: TResult) => string,
): Promise<never> {
  const { path, hash } = backTo(form);
  return runButtonCommand(command, input, {
    done: (result) => withNotice(path, 'done', done(result), hash),
    problem: (error) => withNotice(path, 'problem', error.message, hash),
  });
}

export async function addCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(addCategory, addCategoryInputOf(form), (category) => ({
    path: STRUCTURE,
    done: `Category ${category.name} added.`,
    hash: `#category-${category.slug}`,
  }));
}

export async function renameCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(renameCategory, renameCategoryInputOf(form), ({ category }) => ({
    path: `${STRUCTURE}/categories/${category.slug}`,
    done: `Category renamed to ${category.name}.`,
  }));
}

export async function moveCategoryAction(form: FormData): Promise<void> {
  const input = moveCategoryInputOf(form);
  await buttonAction(
    form,
    moveCategory,
    input,
    ({ category }) => `Category ${category.slug} moved ${input.direction}.`,
  );
}

export async function setCategoryStatusAction(form: FormData): Promise<void> {
  await buttonAction(form, setCategoryStatus, setCategoryStatusInputOf(form), ({ category }) =>
    category.status === 'retired'
      ? `Category ${category.name} retired: its rows left the matrix.`
      : `Category ${category.name} is back in the matrix.`,
  );
}

export async function addFeatureAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = addFeatureInputOf(form);
  return formAction(addFeature, input, (feature) => ({
    path: `${STRUCTURE}/categories/${input.category}`,
    done: `Row ${feature.name} added.`,
    hash: `#row-${feature.slug}`,
  }));
}

export async function updateFeatureAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(updateFeature, updateFeatureInputOf(form), ({ feature }) => ({
    path: `${STRUCTURE}/rows/${feature.slug}`,
    done: `Row ${feature.name} saved.`,
  }));
}

export async function moveFeatureToCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(moveFeatureToCategory, moveFeatureToCategoryInputOf(form), ({ feature, to }) => ({
    path: `${STRUCTURE}/rows/${feature.slug}`,
    done: `Row ${feature.name} moved to ${to}.`,
  }));
}

export async function moveFeatureAction(form: FormData): Promise<void> {
  const input = moveFeatureInputOf(form);
  await buttonAction(form, moveFeature, input, ({ feature }) => `Row ${feature.slug} moved ${input.direction}.`);
}

export async function setFeatureStatusAction(form: FormData): Promise<void> {
  await buttonAction(form, setFeatureStatus, setFeatureStatusInputOf(form), ({ feature }) =>
    feature.status === 'retired'
      ? `Row ${feature.name} retired: it left the matrix and keeps its history.`
      : `Row ${feature.name} is back in the matrix.`,
  );
}

export async function addMeshAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(addMesh, addMeshInputOf(form), ({ mesh, version }) => ({
    path: STRUCTURE,
    done: `Mesh ${mesh.name} added with release ${version.label}.`,
    hash: `#mesh-${mesh.slug}`,
  }));
}

export async function renameMeshAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = renameMeshInputOf(form);
  return formAction(renameMesh, input, ({ mesh }) => {
    const moved =
      mesh.slug !== input.mesh ? ` Its old address /meshes/${input.mesh} now redirects to /meshes/${mesh.slug}.` : '';
    return { path: `${STRUCTURE}/meshes/${mesh.slug}`, done: `Mesh renamed to ${mesh.name}.${moved}` };
  });
}

export async function setMeshStatusAction(form: FormData): Promise<void> {
  await buttonAction(
    form,
    setMeshStatus,
    setMeshStatusInputOf(form),
    ({ mesh }) => `${mesh.name} is now ${mesh.status}.`,
  );
}

export async function forgetImportAliasAction(form: FormData): Promise<void> {
  await buttonAction(
    form,
    removeImportAlias,
    forgetImportAliasInputOf(form),
    (alias) => `Forgot the name “${alias.name}”: the next import that uses it asks again.`,
  );
}
