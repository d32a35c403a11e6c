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

/** Up to `rows` source rows (`sources.0.url`…), blank rows dropped so error indexes match what is shown back. */
function sourceRowsOf(form: FormData, prefix: string, rows: number) {
  const sources: { url: string; title: string }[] = [];
  for (let i = 0; i < rows; i++) {
    const url = formText(form, `${prefix}.${i}.url`) ?? '';
    const title = formText(form, `${prefix}.${i}.title`) ?? '';
    if (url.trim() || title.trim()) sources.push({ url, title });
  }
  return sources;
}

const CHANGESET_SOURCE_ROWS = 3;
const CELL_FIELD = /^cells\.([^.]+)\.base$/;

/**
 * The release form: every row with its current value (`cells.<row>.was.*`,
 * hidden) and the value the contributor leaves or changes. A row counts as a
 * change when its value or note differs from what it was, or it gives a
 * source of its own. `rows` lists the changed rows in order, so an error about
 * `changes.3` can be shown beside its row.
 */
export function changesetInputOf(form: FormData): { input: Record<string, unknown>; rows: string[] } {
  const rows: string[] = [];
  const changes: Record<string, unknown>[] = [];
  const mesh = named(form, 'mesh');
  const newRelease = formText(form, 'mode') === 'new-release';
  const version = newRelease ? named(form, 'release.label') : named(form, 'version');
  for (const key of new Set(form.keys())) {
    const row = CELL_FIELD.exec(key)?.[1];
    if (!row) continue;
    const field = (name: string) => (formText(form, `cells.${row}.${name}`) ?? '').trim();
    const source = field('source');
    const changed =
      field('support') !== field('was.support') ||
      field('text') !== field('was.text') ||
      field('note') !== field('was.note') ||
      source !== '';
    if (!changed) continue;
    rows.push(row);
    const base = field('base');
    changes.push({
      mesh,
      version,
      feature: row,
      support: field('support'),
      text: field('text'),
      note: field('note'),
      sources: source ? [{ url: source }] : [],
      baseRevisionId: base ? (/^\d+$/.test(base) ? Number(base) : base) : null,
    });
  }
  const input: Record<string, unknown> = {
    title: formText(form, 'title'),
    sources: sourceRowsOf(form, 'sources', CHANGESET_SOURCE_ROWS),
    rationale: formText(form, 'rationale'),
    affiliated: form.get('affiliated') === 'on',
    changes,
  };
  if (formText(form, 'id') !== undefined) input.id = named(form, 'id');
  else if (newRelease)
    input.release = {
      mesh,
      label: named(form, 'release.label'),
      releasedOn: formText(form, 'release.releasedOn'),
      releasedOnSource: formText(form, 'release.releasedOnSource'),
      notesUrl: formText(form, 'release.notesUrl'),
    };
  return { input, rows };
}

/**
 * A moderator's decision on a changeset, one choice per cell
 * (`cell.<proposalId>` = approve, reject or leave; `over.<proposalId>` ticks
 * approving over a change) and one for a proposed release.
 */
export function decideChangesetInputOf(form: FormData) {
  const approve: string[] = [];
  const reject: string[] = [];
  const overConflict: string[] = [];
  for (const key of new Set(form.keys())) {
    const choice = /^cell\.(.+)$/.exec(key)?.[1];
    if (choice === undefined) continue;
    const value = formText(form, key);
    if (value === 'approve') approve.push(choice);
    else if (value === 'reject') reject.push(choice);
    if (value === 'approve' && form.get(`over.${choice}`) === 'on') overConflict.push(choice);
  }
  const release = formText(form, 'release');
  return {
    id: named(form, 'id'),
    approve,
    reject,
    overConflict,
    approveRelease: release === 'approve',
    rejectRelease: release === 'reject',
    reason: formText(form, 'reason') ?? null,
    comment: formText(form, 'comment') ?? null,
  };
}

export const requestChangesInputOf = (form: FormData) =>
  formText(form, 'changesetId') !== undefined
    ? { changesetId: named(form, 'changesetId'), comment: named(form, 'comment') }
    : { proposalId: named(form, 'proposalId'), comment: named(form, 'comment') };

export const withdrawChangesetInputOf = (form: FormData) => ({ id: named(form, 'id') });

/** The propose form's fields, for the author's revision of a proposal after feedback (the cell is fixed). */
export function reviseProposalInputOf(form: FormData) {
  const base = formText(form, 'baseRevisionId');
  return {
    id: named(form, 'id'),
    support: formText(form, 'support'),
    text: formText(form, 'text'),
    note: formText(form, 'note'),
    sources: sourceRowsOf(form, 'sources', 5),
    rationale: formText(form, 'rationale'),
    affiliated: form.get('affiliated') === 'on',
    baseRevisionId: base ? (/^\d+$/.test(base) ? Number(base) : base) : null,
  };
}

/** What a form sent, field by field, to show back after a refusal (a checkbox as true or false). */
export function typedFieldsOf(form: FormData): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string') shown[key] = value;
  shown.affiliated = form.get('affiliated') === 'on';
  return shown;
}

/** Errors about `changes.3…` also filed under the row they are about, so the release form shows them beside it. */
export function withCellErrors<TState extends { fieldErrors?: Record<string, string[]> }>(
  state: TState,
  rows: string[],
): TState {
  if (!state.fieldErrors) return state;
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(state.fieldErrors)) {
    const match = /^changes\.(\d+)(\..*)?$/.exec(key);
    const row = match ? rows[Number(match[1])] : undefined;
    fieldErrors[row ? `cells.${row}${match![2] ?? ''}` : key] = list;
  }
  return { ...state, fieldErrors };
}
/** Trusting and taking trust back read the same fields; `trusted` is the hidden "true" or "false" the form carries. */
export const setUserTrustInputOf = (form: FormData) => fieldsOf(form, ['userId', 'trusted', 'reason']);

/** The patrol buttons: which one was pressed decides `revert`, not a field of the form. */
export const patrolProposalInputOf = (form: FormData, revert: boolean) => ({
  id: named(form, 'id'),
  revert,
  reason: formText(form, 'reason') ?? null,
});

/** The threshold form: an unchecked box sends nothing, which reads as off. */
export const setTrustThresholdInputOf = (form: FormData) => ({
  enabled: form.get('enabled') === 'on',
  ...fieldsOf(form, ['minApproved', 'days']),
});
/** A Follow button sends what it follows; absent fields are left out, so the command names what is missing. */
export const watchTargetInputOf = (form: FormData) => fieldsOf(form, ['mesh', 'version', 'feature']);

export const unwatchTargetInputOf = (form: FormData) => ({ id: named(form, 'id') });

export const rotateFeedTokenInputOf = (form: FormData) => fieldsOf(form, ['feed']);
/** The comment form names its thread in hidden fields; absent ones stay undefined so the schema names what is missing. */
export const addCommentInputOf = (form: FormData) =>
  Object.fromEntries(
    Object.entries(
      fieldsOf(form, ['target', 'proposalId', 'changesetId', 'mesh', 'version', 'feature', 'body']),
    ).filter(([, value]) => value !== undefined),
  );

export const hideCommentInputOf = (form: FormData) => ({ id: named(form, 'id'), reason: named(form, 'reason') });

export const unhideCommentInputOf = (form: FormData) => ({ id: named(form, 'id') });
