'use server';

import { redirect } from 'next/navigation';
import { capNotice, formStateFromError, formText, type FormState } from '@/lib/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateEverything } from '@/lib/cache';
import { isAppError } from '@/lib/errors';
import { removeImportAlias } from '@/lib/import/aliases';
import { setMeshStatus } from '@/lib/releases';
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
} from '@/lib/structure';
import type { Actor } from '@/lib/permissions';

const STRUCTURE = '/admin/structure';

/** Where a button form asked to come back to: only pages of this section (no open redirect), with an optional anchor. */
function backTo(form: FormData): { path: string; hash: string } {
  const match = /^(\/admin\/structure(?:\/(?:categories|rows|meshes)\/[a-z0-9-]+)?)(#[a-z0-9-]+)?$/.exec(formText(form, 'back') ?? '');
  return match ? { path: match[1]!, hash: match[2] ?? '' } : { path: STRUCTURE, hash: '' };
}

function withNotice(path: string, kind: 'done' | 'problem', message: string, hash = ''): string {
  return `${path}?${kind}=${encodeURIComponent(capNotice(message))}${hash}`;
}

/** A form with field errors: the lib call's errors go back to the form; success revalidates every public page and redirects. */
async function formAction(input: Record<string, unknown>, run: (actor: Actor | null) => { path: string; done: string; hash?: string }): Promise<FormState> {
  let target: string;
  try {
    const { path, done, hash } = run(await getCurrentUser());
    target = withNotice(path, 'done', done, hash);
  } catch (error) {
    return formStateFromError(error, input);
  }
  revalidateEverything();
  redirect(target);
}

/** A one-button form: the outcome is shown on the page it came from. */
async function buttonAction(form: FormData, run: (actor: Actor | null) => string): Promise<void> {
  const { path, hash } = backTo(form);
  let target: string;
  try {
    target = withNotice(path, 'done', run(await getCurrentUser()), hash);
    revalidateEverything();
  } catch (error) {
    if (!isAppError(error)) throw error;
    target = withNotice(path, 'problem', error.message, hash);
  }
  redirect(target);
}

export async function addCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { name: formText(form, 'name'), slug: formText(form, 'slug') };
  return formAction(input, (actor) => {
    const category = addCategory(actor, input);
    return { path: STRUCTURE, done: `Category ${category.name} added.`, hash: `#category-${category.slug}` };
  });
}

export async function renameCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  const slug = formText(form, 'category') ?? '';
  const input = { name: formText(form, 'name') };
  return formAction(input, (actor) => {
    const category = renameCategory(actor, slug, input);
    return { path: `${STRUCTURE}/categories/${category.slug}`, done: `Category renamed to ${category.name}.` };
  });
}

export async function moveCategoryAction(form: FormData): Promise<void> {
  const slug = formText(form, 'category') ?? '';
  const direction = formText(form, 'direction');
  return buttonAction(form, (actor) => {
    moveCategory(actor, slug, { direction });
    return `Category ${slug} moved ${direction}.`;
  });
}

export async function setCategoryStatusAction(form: FormData): Promise<void> {
  const slug = formText(form, 'category') ?? '';
  return buttonAction(form, (actor) => {
    const category = setCategoryStatus(actor, slug, { status: formText(form, 'status') });
    return category.status === 'retired' ? `Category ${category.name} retired: its rows left the matrix.` : `Category ${category.name} is back in the matrix.`;
  });
}

export async function addFeatureAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = {
    category: formText(form, 'category'),
    name: formText(form, 'name'),
    slug: formText(form, 'slug'),
    definition: formText(form, 'definition'),
    referenceUrl: formText(form, 'referenceUrl'),
    kind: formText(form, 'kind'),
  };
  return formAction(input, (actor) => {
    const feature = addFeature(actor, input);
    return { path: `${STRUCTURE}/categories/${input.category}`, done: `Row ${feature.name} added.`, hash: `#row-${feature.slug}` };
  });
}

export async function updateFeatureAction(_previous: FormState, form: FormData): Promise<FormState> {
  const slug = formText(form, 'feature') ?? '';
  const input = { name: formText(form, 'name'), definition: formText(form, 'definition'), referenceUrl: formText(form, 'referenceUrl') };
  return formAction(input, (actor) => {
    const feature = updateFeature(actor, slug, input);
    return { path: `${STRUCTURE}/rows/${feature.slug}`, done: `Row ${feature.name} saved.` };
  });
}

export async function moveFeatureToCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  const slug = formText(form, 'feature') ?? '';
  const input = { category: formText(form, 'category') };
  return formAction(input, (actor) => {
    const feature = moveFeatureToCategory(actor, slug, input);
    return { path: `${STRUCTURE}/rows/${feature.slug}`, done: `Row ${feature.name} moved to ${input.category}.` };
  });
}

export async function moveFeatureAction(form: FormData): Promise<void> {
  const slug = formText(form, 'feature') ?? '';
  const direction = formText(form, 'direction');
  return buttonAction(form, (actor) => {
    moveFeature(actor, slug, { direction });
    return `Row ${slug} moved ${direction}.`;
  });
}

export async function setFeatureStatusAction(form: FormData): Promise<void> {
  const slug = formText(form, 'feature') ?? '';
  return buttonAction(form, (actor) => {
    const feature = setFeatureStatus(actor, slug, { status: formText(form, 'status') });
    return feature.status === 'retired' ? `Row ${feature.name} retired: it left the matrix and keeps its history.` : `Row ${feature.name} is back in the matrix.`;
  });
}

export async function addMeshAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = {
    name: formText(form, 'name'),
    slug: formText(form, 'slug'),
    homepage: formText(form, 'homepage'),
    repository: formText(form, 'repository'),
    description: formText(form, 'description'),
    firstRelease: formText(form, 'firstRelease'),
    releasedOn: formText(form, 'releasedOn'),
  };
  return formAction(input, (actor) => {
    const { mesh, version } = addMesh(actor, input);
    return { path: STRUCTURE, done: `Mesh ${mesh.name} added with release ${version.label}.`, hash: `#mesh-${mesh.slug}` };
  });
}

export async function renameMeshAction(_previous: FormState, form: FormData): Promise<FormState> {
  const slug = formText(form, 'mesh') ?? '';
  const input = { name: formText(form, 'name'), slug: formText(form, 'slug') };
  return formAction(input, (actor) => {
    const mesh = renameMesh(actor, slug, input);
    const moved = mesh.slug !== slug ? ` Its old address /meshes/${slug} now redirects to /meshes/${mesh.slug}.` : '';
    return { path: `${STRUCTURE}/meshes/${mesh.slug}`, done: `Mesh renamed to ${mesh.name}.${moved}` };
  });
}

export async function setMeshStatusAction(form: FormData): Promise<void> {
  const slug = formText(form, 'mesh') ?? '';
  return buttonAction(form, (actor) => {
    const mesh = setMeshStatus(actor, slug, { status: formText(form, 'status'), reason: formText(form, 'reason') ?? '', sourceUrl: formText(form, 'sourceUrl') ?? '' });
    return `${mesh.name} is now ${mesh.status}.`;
  });
}

export async function forgetImportAliasAction(form: FormData): Promise<void> {
  const id = formText(form, 'alias');
  return buttonAction(form, (actor) => {
    const alias = removeImportAlias(actor, id);
    return `Forgot the name “${alias.name}”: the next import that uses it asks again.`;
  });
}
