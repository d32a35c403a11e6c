import 'server-only';
import { formText } from './form-state';

/*
 * What each form hands its command: the form's fields read as text, with a
 * missing field left undefined (so the schema says it is required) or made
 * empty where the command names the problem itself. The server actions and
 * tests/integration/form-fields.test.ts read a form through these same
 * functions, so the field-by-field cases the tests send are what a browser
 * would send.
 */

const fieldsOf = <TName extends string>(form: FormData, names: readonly TName[]) =>
  Object.fromEntries(names.map((name) => [name, formText(form, name)])) as Record<TName, string | undefined>;

/** A field the command looks up by name (a mesh, a row): absent reads as empty, which the lookup refuses by name. */
const named = (form: FormData, name: string) => formText(form, name) ?? '';

export const addReleaseInputOf = (form: FormData) => ({
  mesh: named(form, 'mesh'),
  ...fieldsOf(form, ['label', 'releasedOn', 'releaseNotesUrl']),
});

export const updateReleaseInputOf = (form: FormData) => ({
  mesh: named(form, 'mesh'),
  version: named(form, 'label'),
  ...fieldsOf(form, ['releasedOn', 'releaseNotesUrl']),
});

export const setMeshStatusInputOf = (form: FormData) => ({
  mesh: named(form, 'mesh'),
  status: formText(form, 'status'),
  reason: named(form, 'reason'),
  sourceUrl: named(form, 'sourceUrl'),
});

export const approveProposalInputOf = (form: FormData) => ({
  id: named(form, 'id'),
  comment: formText(form, 'comment') ?? null,
  overConflict: form.get('overConflict') === 'on',
});

/** The review form's reason is a preset and optional details, joined. */
export const rejectProposalInputOf = (form: FormData) => ({
  id: named(form, 'id'),
  reason: [formText(form, 'preset'), formText(form, 'details')]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(': '),
});

export const withdrawProposalInputOf = (form: FormData) => ({ id: named(form, 'id') });

export const revertCellInputOf = (form: FormData) => ({
  mesh: named(form, 'mesh'),
  version: named(form, 'version'),
  feature: named(form, 'feature'),
  revisionId: Number(form.get('revisionId')),
  reason: named(form, 'reason'),
});

export const changeUserRoleInputOf = (form: FormData) => fieldsOf(form, ['userId', 'role', 'reason']);

/** Banning and lifting a ban read the same fields. */
export const userBanInputOf = (form: FormData) => fieldsOf(form, ['userId', 'reason']);

export const addCategoryInputOf = (form: FormData) => fieldsOf(form, ['name', 'slug']);

export const renameCategoryInputOf = (form: FormData) => ({
  category: named(form, 'category'),
  name: formText(form, 'name'),
});

export const moveCategoryInputOf = (form: FormData) => ({
  category: named(form, 'category'),
  direction: formText(form, 'direction'),
});

export const setCategoryStatusInputOf = (form: FormData) => ({
  category: named(form, 'category'),
  status: formText(form, 'status'),
});

export const addFeatureInputOf = (form: FormData) =>
  fieldsOf(form, ['category', 'name', 'slug', 'definition', 'referenceUrl', 'kind']);

export const updateFeatureInputOf = (form: FormData) => ({
  feature: named(form, 'feature'),
  ...fieldsOf(form, ['name', 'definition', 'referenceUrl']),
});

export const moveFeatureToCategoryInputOf = (form: FormData) => ({
  feature: named(form, 'feature'),
  category: formText(form, 'category'),
});

export const moveFeatureInputOf = (form: FormData) => ({
  feature: named(form, 'feature'),
  direction: formText(form, 'direction'),
});

export const setFeatureStatusInputOf = (form: FormData) => ({
  feature: named(form, 'feature'),
  status: formText(form, 'status'),
});

export const addMeshInputOf = (form: FormData) =>
  fieldsOf(form, ['name', 'slug', 'homepage', 'repository', 'description', 'firstRelease', 'releasedOn']);

export const renameMeshInputOf = (form: FormData) => ({
  mesh: named(form, 'mesh'),
  ...fieldsOf(form, ['name', 'slug']),
});

export const forgetImportAliasInputOf = (form: FormData) => fieldsOf(form, ['alias']);

/** The comment form names its thread in hidden fields; absent ones stay undefined so the schema names what is missing. */
export const addCommentInputOf = (form: FormData) =>
  Object.fromEntries(
    Object.entries(
      fieldsOf(form, ['target', 'proposalId', 'changesetId', 'mesh', 'version', 'feature', 'body']),
    ).filter(([, value]) => value !== undefined),
  );

export const hideCommentInputOf = (form: FormData) => ({ id: named(form, 'id'), reason: named(form, 'reason') });

export const unhideCommentInputOf = (form: FormData) => ({ id: named(form, 'id') });
