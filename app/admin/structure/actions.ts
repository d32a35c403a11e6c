'use server';

import { capNotice, formText, type FormState } from '@/lib/next/form-state';
import type { Command } from '@/lib/server/command';
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
  return formAction(addCategory, { name: formText(form, 'name'), slug: formText(form, 'slug') }, (category) => ({
    path: STRUCTURE,
    done: `Category ${category.name} added.`,
    hash: `#category-${category.slug}`,
  }));
}

export async function renameCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(
    renameCategory,
    { category: formText(form, 'category') ?? '', name: formText(form, 'name') },
    ({ category }) => ({
      path: `${STRUCTURE}/categories/${category.slug}`,
      done: `Category renamed to ${category.name}.`,
    }),
  );
}

export async function moveCategoryAction(form: FormData): Promise<void> {
  const direction = formText(form, 'direction');
  await buttonAction(
    form,
    moveCategory,
    { category: formText(form, 'category') ?? '', direction },
    ({ category }) => `Category ${category.slug} moved ${direction}.`,
  );
}

export async function setCategoryStatusAction(form: FormData): Promise<void> {
  await buttonAction(
    form,
    setCategoryStatus,
    { category: formText(form, 'category') ?? '', status: formText(form, 'status') },
    ({ category }) =>
      category.status === 'retired'
        ? `Category ${category.name} retired: its rows left the matrix.`
        : `Category ${category.name} is back in the matrix.`,
  );
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
  return formAction(addFeature, input, (feature) => ({
    path: `${STRUCTURE}/categories/${input.category}`,
    done: `Row ${feature.name} added.`,
    hash: `#row-${feature.slug}`,
  }));
}

export async function updateFeatureAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = {
    feature: formText(form, 'feature') ?? '',
    name: formText(form, 'name'),
    definition: formText(form, 'definition'),
    referenceUrl: formText(form, 'referenceUrl'),
  };
  return formAction(updateFeature, input, ({ feature }) => ({
    path: `${STRUCTURE}/rows/${feature.slug}`,
    done: `Row ${feature.name} saved.`,
  }));
}

export async function moveFeatureToCategoryAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = { feature: formText(form, 'feature') ?? '', category: formText(form, 'category') };
  return formAction(moveFeatureToCategory, input, ({ feature, to }) => ({
    path: `${STRUCTURE}/rows/${feature.slug}`,
    done: `Row ${feature.name} moved to ${to}.`,
  }));
}

export async function moveFeatureAction(form: FormData): Promise<void> {
  const direction = formText(form, 'direction');
  await buttonAction(
    form,
    moveFeature,
    { feature: formText(form, 'feature') ?? '', direction },
    ({ feature }) => `Row ${feature.slug} moved ${direction}.`,
  );
}

export async function setFeatureStatusAction(form: FormData): Promise<void> {
  await buttonAction(
    form,
    setFeatureStatus,
    { feature: formText(form, 'feature') ?? '', status: formText(form, 'status') },
    ({ feature }) =>
      feature.status === 'retired'
        ? `Row ${feature.name} retired: it left the matrix and keeps its history.`
        : `Row ${feature.name} is back in the matrix.`,
  );
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
  return formAction(addMesh, input, ({ mesh, version }) => ({
    path: STRUCTURE,
    done: `Mesh ${mesh.name} added with release ${version.label}.`,
    hash: `#mesh-${mesh.slug}`,
  }));
}

export async function renameMeshAction(_previous: FormState, form: FormData): Promise<FormState> {
  const slug = formText(form, 'mesh') ?? '';
  return formAction(
    renameMesh,
    { mesh: slug, name: formText(form, 'name'), slug: formText(form, 'slug') },
    ({ mesh }) => {
      const moved = mesh.slug !== slug ? ` Its old address /meshes/${slug} now redirects to /meshes/${mesh.slug}.` : '';
      return { path: `${STRUCTURE}/meshes/${mesh.slug}`, done: `Mesh renamed to ${mesh.name}.${moved}` };
    },
  );
}

export async function setMeshStatusAction(form: FormData): Promise<void> {
  const input = {
    mesh: formText(form, 'mesh') ?? '',
    status: formText(form, 'status'),
    reason: formText(form, 'reason') ?? '',
    sourceUrl: formText(form, 'sourceUrl') ?? '',
  };
  await buttonAction(form, setMeshStatus, input, ({ mesh }) => `${mesh.name} is now ${mesh.status}.`);
}

export async function forgetImportAliasAction(form: FormData): Promise<void> {
  await buttonAction(
    form,
    removeImportAlias,
    { alias: formText(form, 'alias') },
    (alias) => `Forgot the name “${alias.name}”: the next import that uses it asks again.`,
  );
}
