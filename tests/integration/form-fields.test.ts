/**
 * The hostile-input sweep's form cases, field by field, without a browser.
 *
 * Each form of the site has a table under tests/e2e/hostile/. The browser
 * sends the cases only a page can judge (the first of each form, those sent by
 * someone else, those judged by where they end up, and those that type
 * markup: see `casesForTheBrowser`); every other case is sent here, read
 * through the same function the server action reads its form with
 * (lib/next/form-inputs.ts), as the form's user, on a copy of the seeded
 * database. Each must be refused with the message the page would show and
 * change nothing. The page's own fields come from the table's `form`, which the
 * sweep checks against the rendered form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCategoryInputOf,
  addCommentInputOf,
  hideCommentInputOf,
  unhideCommentInputOf,
  addFeatureInputOf,
  addMeshInputOf,
  addReleaseInputOf,
  approveProposalInputOf,
  changeUserRoleInputOf,
  forgetImportAliasInputOf,
  moveCategoryInputOf,
  moveFeatureInputOf,
  moveFeatureToCategoryInputOf,
  patrolProposalInputOf,
  rejectProposalInputOf,
  renameCategoryInputOf,
  renameMeshInputOf,
  revertCellInputOf,
  setCategoryStatusInputOf,
  setFeatureStatusInputOf,
  setMeshStatusInputOf,
  setTrustThresholdInputOf,
  setUserTrustInputOf,
  updateFeatureInputOf,
  updateReleaseInputOf,
  userBanInputOf,
  rotateFeedTokenInputOf,
  unwatchTargetInputOf,
  watchTargetInputOf,
  withdrawProposalInputOf,
  changesetInputOf,
  decideChangesetInputOf,
  requestChangesInputOf,
  reviseProposalInputOf,
  withdrawChangesetInputOf,
} from '@/lib/next/form-inputs';
import {
  decideChangeset,
  proposeChangeset,
  reviseChangeset,
  withdrawChangeset,
} from '@/lib/server/changesets/changesets';
import { requestChanges, reviseProposal } from '@/lib/server/proposals/feedback';
import {
  changesetBody,
  changesetFixtures,
  changesetForms,
  singleProposalBody,
} from '@/tests/e2e/hostile/changeset-world';
import { BadRequestError, isAppError } from '@/lib/rules/errors';
import type { Command } from '@/lib/server/command';
import { addComment, hideComment, unhideComment } from '@/lib/server/comments/comments';
import { removeImportAlias } from '@/lib/server/import/aliases';
import { proposeCellChange, withdrawProposal, type ProposalLimits } from '@/lib/server/proposals/proposals';
import { approveProposal, rejectProposal, revertCell } from '@/lib/server/proposals/review';
import { proposalInputFromForm } from '@/lib/server/proposals/schemas';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/server/releases/releases';
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
import { banUser, changeUserRole, unbanUser } from '@/lib/server/users/admin-users';
import { patrolProposal } from '@/lib/server/patrol/patrol';
import { setTrustThreshold } from '@/lib/server/settings/settings';
import { setUserTrust } from '@/lib/server/users/trust';
import { rotateFeedToken, unwatchTarget, watchTarget } from '@/lib/server/watches/watches';
import { formEntries } from '@/tests/e2e/hostile/form-entries';
import { casesForTheBrowser, MESH, RELEASE, type FormEntry, type World } from '@/tests/e2e/hostile/types';
import { createCast, type Cast } from '@/tests/support/cast';
import { headOf } from '@/tests/support/lookups';
import { roomyLimits } from '@/tests/support/proposing';
import { createTempDatabase, snapshotContents, type TempDatabase } from '@/tests/support/temp-db';

/** Proposing takes the flood limits as an option; every other command ignores them. */
type AnyCommand = Command<unknown, unknown, { limits?: ProposalLimits }>;

/** Each form's command and the function its server action reads the form with, by folder and action. */
const forms: Record<string, [command: AnyCommand, inputOf: (form: FormData) => unknown]> = {
  'meshes/[slug]/[version]/[feature]/propose proposeCellChangeAction': [proposeCellChange, proposalInputFromForm],
  'proposals withdrawProposalAction': [withdrawProposal, withdrawProposalInputOf],
  'review approveProposalAction': [approveProposal, approveProposalInputOf],
  'review rejectProposalAction': [rejectProposal, rejectProposalInputOf],
  'meshes/[slug]/[version]/[feature]/diff revertCellAction': [revertCell, revertCellInputOf],
  'meshes/[slug]/manage addReleaseAction': [addRelease, addReleaseInputOf],
  'meshes/[slug]/manage updateReleaseAction': [updateRelease, updateReleaseInputOf],
  'meshes/[slug]/manage setMeshStatusAction': [setMeshStatus, setMeshStatusInputOf],
  'admin/users changeUserRoleAction': [changeUserRole, changeUserRoleInputOf],
  'admin/users banUserAction': [banUser, userBanInputOf],
  'admin/users unbanUserAction': [unbanUser, userBanInputOf],
  'admin/structure addCategoryAction': [addCategory, addCategoryInputOf],
  'admin/structure renameCategoryAction': [renameCategory, renameCategoryInputOf],
  'admin/structure moveCategoryAction': [moveCategory, moveCategoryInputOf],
  'admin/structure setCategoryStatusAction': [setCategoryStatus, setCategoryStatusInputOf],
  'admin/structure addFeatureAction': [addFeature, addFeatureInputOf],
  'admin/structure updateFeatureAction': [updateFeature, updateFeatureInputOf],
  'admin/structure moveFeatureToCategoryAction': [moveFeatureToCategory, moveFeatureToCategoryInputOf],
  'admin/structure moveFeatureAction': [moveFeature, moveFeatureInputOf],
  'admin/structure setFeatureStatusAction': [setFeatureStatus, setFeatureStatusInputOf],
  'admin/structure addMeshAction': [addMesh, addMeshInputOf],
  'admin/structure renameMeshAction': [renameMesh, renameMeshInputOf],
  'admin/structure setMeshStatusAction': [setMeshStatus, setMeshStatusInputOf],
  'admin/structure forgetImportAliasAction': [removeImportAlias, forgetImportAliasInputOf],
  'changesets proposeChangesetAction': [proposeChangeset, (form: FormData) => changesetInputOf(form).input],
  'changesets reviseChangesetAction': [reviseChangeset, (form: FormData) => changesetInputOf(form).input],
  'changesets decideChangesetAction': [decideChangeset, decideChangesetInputOf],
  'changesets requestChangesetChangesAction': [requestChanges, requestChangesInputOf],
  'changesets withdrawChangesetAction': [withdrawChangeset, withdrawChangesetInputOf],
  'review requestProposalChangesAction': [requestChanges, requestChangesInputOf],
  'proposals reviseProposalAction': [reviseProposal, reviseProposalInputOf],
  'admin/users setUserTrustAction': [setUserTrust, setUserTrustInputOf],
  'review/contributors/[id] setContributorTrustAction': [setUserTrust, setUserTrustInputOf],
  'review/patrol markPatrolledAction': [patrolProposal, (form: FormData) => patrolProposalInputOf(form, false)],
  'review/patrol revertPatrolledAction': [patrolProposal, (form: FormData) => patrolProposalInputOf(form, true)],
  'admin/settings setTrustThresholdAction': [setTrustThreshold, setTrustThresholdInputOf],
  'watchlist watchTargetAction': [watchTarget, watchTargetInputOf],
  'watchlist unwatchTargetAction': [unwatchTarget, unwatchTargetInputOf],
  'watchlist rotateFeedTokenAction': [rotateFeedToken, rotateFeedTokenInputOf],
  'comments addCommentAction': [addComment, addCommentInputOf],
  'comments hideCommentAction': [hideComment, hideCommentInputOf],
  'comments unhideCommentAction': [unhideComment, unhideCommentInputOf],
} as Record<string, [AnyCommand, (form: FormData) => unknown]>;

const keyOf = (entry: FormEntry) => `${entry.route} ${entry.action}`;

/** What the page shows for a refusal: the message, and each field's error under its field. */
function shownFor(error: unknown): string {
  if (!isAppError(error)) throw error;
  const fieldErrors = error instanceof BadRequestError ? Object.values(error.fieldErrors).flat() : [];
  return [error.message, ...fieldErrors].join('\n');
}

/** The sweep's fixtures, made here through the commands on a copy of the seeded database. */
function makeWorld(db: TempDatabase, cast: Cast): World {
  const options = { limits: roomyLimits, db: db.db };
  const propose = (author: Cast[keyof Cast], feature: string) =>
    proposeCellChange(
      author,
      {
        mesh: MESH,
        version: RELEASE,
        feature,
        support: 'partial',
        note: 'form-fields fixture',
        sources: [{ url: 'https://docs.nginx.com/nginx-service-mesh/' }],
        rationale: 'form-fields fixture',
        baseRevisionId: headOf(db, MESH, RELEASE, feature).id,
      },
      options,
    ).id;
  const earlierRevisionId = headOf(db, MESH, RELEASE, 'percentage-based-traffic-splits').id;
  approveProposal(cast.mo, { id: propose(cast.alice, 'percentage-based-traffic-splits') }, options);
  const rejectedId = propose(cast.alice, 'open-source');
  rejectProposal(cast.mo, { id: rejectedId, reason: 'form-fields fixture' }, options);
  const alias = db.sqlite.prepare("SELECT id FROM import_aliases WHERE name = 'Linkerd 2'").get() as { id: number };
  const mosPendingId = propose(cast.mo, 'distributed-tracing');
  // mo, trusted for a moment, publishes one value without review: the patrol list's fixture.
  setUserTrust(cast.ada, { userId: cast.mo.id, trusted: true, reason: 'form-fields fixture' }, options);
  const patrolId = propose(cast.mo, 'rate-limiting');
  setUserTrust(cast.ada, { userId: cast.mo.id, trusted: false, reason: 'form-fields fixture' }, options);
  const { alice, mo, feedback } = changesetFixtures;
  const mine = proposeChangeset(cast.alice, changesetBody(alice.title, alice.cells), options);
  const his = proposeChangeset(cast.mo, changesetBody(mo.title, mo.cells), options);
  const toRevise = proposeChangeset(cast.alice, changesetBody(feedback.title, feedback.cells), options);
  requestChanges(cast.mo, { changesetId: toRevise.id, comment: 'form-fields fixture: add a source' }, options);
  const single = proposeCellChange(cast.alice, singleProposalBody(), options);
  requestChanges(cast.mo, { proposalId: single.id, comment: 'form-fields fixture: which page?' }, options);
  const ids = { feedbackChangesetId: toRevise.id, feedbackProposalId: single.id };
  return {
    changesetId: mine.id,
    changesetCellIds: mine.proposals,
    mosChangesetId: his.id,
    ...ids,
    ...changesetForms(db.sqlite, ids),
    pendingId: propose(cast.alice, 'sidecar-proxy'),
    mosPendingId,
    rejectedId,
    revertCell: `${MESH}/${RELEASE}/percentage-based-traffic-splits`,
    earlierRevisionId,
    headRevisionId: headOf(db, MESH, RELEASE, 'percentage-based-traffic-splits').id,
    otherCellRevisionId: headOf(db, MESH, RELEASE, 'rate-limiting').id,
    proposeCell: { mesh: MESH, version: RELEASE, feature: 'open-source' },
    proposeBaseId: headOf(db, MESH, RELEASE, 'open-source').id,
    aliceId: cast.alice.id,
    adaId: cast.ada.id,
    banned: { id: cast.bert.id, name: cast.bert.name ?? 'bert' },
    linkerdAliasId: alias.id,
    moId: cast.mo.id,
    patrolId,
    alicesWatchId: watchTarget(cast.alice, { mesh: MESH }, options).id,
    mosWatchId: watchTarget(cast.mo, { mesh: MESH }, options).id,
    commentRow: 'rate-limiting',
    commentId: addComment(cast.alice, { target: 'row', feature: 'rate-limiting', body: 'form-fields fixture' }, options)
      .id,
    hiddenCommentId: hideComment(
      cast.mo,
      {
        id: addComment(cast.alice, { target: 'row', feature: 'rate-limiting', body: 'form-fields fixture' }, options)
          .id,
        reason: 'form-fields fixture',
      },
      options,
    ).id,
  };
}

let db: TempDatabase;
let cast: Cast;
let world: World;

beforeAll(() => {
  db = createTempDatabase();
  cast = createCast(db);
  world = makeWorld(db, cast);
});
afterAll(() => db.cleanup());

it('every form of the sweep is sent here or, for a stated reason, only in the browser', () => {
  const here = formEntries.filter((entry) => !entry.browserOnly).map(keyOf);
  expect(
    here.filter((key) => !forms[key]),
    'add the form to `forms`',
  ).toEqual([]);
  expect(
    Object.keys(forms).filter((key) => !here.includes(key)),
    'forms the sweep no longer has',
  ).toEqual([]);
});

for (const entry of formEntries.filter((e) => !e.browserOnly)) {
  describe(keyOf(entry), () => {
    it('refuses each case the browser does not send, naming the field, and changes nothing', () => {
      const [command, inputOf] = forms[keyOf(entry)]!;
      const actor = cast[entry.as as Exclude<FormEntry['as'], 'anonymous'>];
      const all = entry.cases(world);
      const inBrowser = new Set(casesForTheBrowser(entry, all));
      const sent = all.filter((c) => !inBrowser.has(c));
      expect(sent.length + inBrowser.size).toBe(all.length);
      const before = snapshotContents(db);
      for (const c of sent) {
        const form = new FormData();
        for (const [name, value] of Object.entries({ ...entry.form(world), ...entry.valid, ...c.set }))
          if (value !== undefined) form.set(name, value);
        let error: unknown;
        try {
          command(actor, inputOf(form), { db: db.db, limits: roomyLimits });
        } catch (caught) {
          error = caught;
        }
        expect(error, `${c.name}: refused`).toBeDefined();
        expect(shownFor(error), c.name).toMatch(c.shows);
        expect(db.sqlite.inTransaction).toBe(false);
      }
      expect(snapshotContents(db)).toEqual(before);
    });
  });
}
