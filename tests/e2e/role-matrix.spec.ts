/**
 * Role matrix: every server action submitted by someone signed out, a banned
 * contributor, a contributor, a moderator and an admin, straight over HTTP
 * (no page guard can stand in for the action's own check). A refusal must
 * say exactly why and leave the database as it was; an allowed submission
 * must answer as the form expects and write.
 *
 * Everything written works on a mesh, categories and rows this spec makes
 * under a name of its own run, so no other spec's cells change and the order
 * of spec files does not matter. The last test fails when an action has no
 * entry here.
 */
import Database from 'better-sqlite3';
import { test, expect, type APIRequestContext } from '@playwright/test';
import { readDatabaseState } from './db-state';
import { e2eEnv, oidcUser } from './env';
import {
  actionId,
  contextFor,
  everyone,
  postJson,
  proposeJson,
  runTag,
  serverActionsInSource,
  setCellJson,
  submitAction,
  type ActionKey,
  type ActionOutcome,
  type Who,
} from './support-roles';

const signInAsAdmin = 'Sign in as an admin.';
const onlyAdmins = 'Only admins can do this.';
const signInAsModerator = 'Sign in as a moderator.';
const onlyModerators = 'Only moderators and admins can do this.';
const signInToPropose = 'Sign in to propose a change.';
const bannedFromProposing = 'This account is banned from proposing changes; it can still read everything.';

/** Who may do what: the refusal each role gets, by the rule the action enforces. */
const adminOnly: Partial<Record<Who, string>> = {
  anonymous: signInAsAdmin,
  banned: onlyAdmins,
  alice: onlyAdmins,
  mo: onlyAdmins,
};
const moderatorsAndAdmins: Partial<Record<Who, string>> = {
  anonymous: signInAsModerator,
  banned: onlyModerators,
  alice: onlyModerators,
};
const signedInNotBanned: Partial<Record<Who, string>> = { anonymous: signInToPropose, banned: bannedFromProposing };

interface World {
  t: string;
  mesh: string;
  meshName: string;
  release: string;
  cat: { rows: string; move: string; retire: string; rename: string };
  row: { edit: string; up1: string; up2: string; moveTo: string; retire: string; propose: string; importName: string };
  /** alice's pending proposals, each decided (or withdrawn) by one allowed role. */
  approve: { mo: number; ada: number };
  reject: { mo: number; ada: number };
  withdraw: number;
  /** Cells with two revisions: `earlier` is reverted to over `head`. */
  revert: Record<'mo' | 'ada', { feature: string; earlier: number; head: number }>;
  aliasId: number;
  oliviaId: number;
  aliceId: number;
  /** alice's proposals that published without review while she was trusted: one checked and one reverted by each role. */
  patrol: Record<'check' | 'revert', { mo: number; ada: number }>;
  /** alice's changesets (each with one cell's proposal) that each allowed role decides, or asks changes on. */
  changesets: Record<'decide' | 'request', Record<'mo' | 'ada', { id: number; cell: number }>> & {
    withdraw: number;
    revise: number;
  };
  /** alice's single proposals that each allowed role asks changes on, and one waiting for her revision. */
  askChanges: { mo: number; ada: number };
  reviseProposal: number;
  /** A watch of each role's own (of the spec's mesh), for unfollowing. */
  watches: Record<'alice' | 'mo' | 'ada', number>;
  /** alice's comments on the propose row's thread: visible ones each role hides, hidden ones each role shows again. */
  hide: { mo: number; ada: number };
  unhide: { mo: number; ada: number };
}

interface Entry {
  action: ActionKey;
  /** Whether it is a `useActionState` action (previous state first). */
  formState: boolean;
  at: (w: World) => string;
  /** The fields `who` submits. */
  fields: (w: World, who: Who) => Record<string, string>;
  /** The message each refused role gets; every other role is allowed. */
  refused: Partial<Record<Who, string>>;
  /** How a refusal answers: the form's message, or the redirect that carries it. */
  refusal: (w: World, message: string) => { message: string } | { redirect: string };
  /** How an allowed submission answers. */
  allowed: (w: World, who: Who) => { redirect: RegExp } | { written: true };
}

const stateMessage = (_w: World, message: string) => ({ message });
const structureProblem = (_w: World, message: string) => ({ redirect: `/admin/structure?problem=${message}` });

const watchlistProblem = (_w: World, message: string) => ({ redirect: `/watchlist?problem=${message}` });

const entries: Entry[] = [
  // Watchlists: anyone signed in and not banned follows; unfollowing is one's own; a banned user may not make a feed.
  {
    action: 'watchlist watchTargetAction',
    formState: false,
    // A cell nobody follows yet: following what one already follows writes nothing.
    at: (w) => `/meshes/${w.mesh}/${w.release}/${w.row.propose}`,
    fields: (w) => ({ mesh: w.mesh, version: w.release, feature: w.row.propose }),
    refused: signedInNotBanned,
    refusal: watchlistProblem,
    allowed: () => ({ redirect: /^\/watchlist\?followed=/ }),
  },
  {
    action: 'watchlist unwatchTargetAction',
    formState: false,
    at: () => '/watchlist',
    // Each allowed role unfollows its own; the banned user (who follows nothing) tries alice's.
    fields: (w, who) => ({ id: String(w.watches[who === 'mo' || who === 'ada' ? who : 'alice']) }),
    refused: { anonymous: 'Sign in first.', banned: 'You follow nothing with id {alice}.' },
    refusal: (w, message) => watchlistProblem(w, message.replace('{alice}', String(w.watches.alice))),
    allowed: () => ({ redirect: /^\/watchlist\?unfollowed=1$/ }),
  },
  {
    action: 'watchlist rotateFeedTokenAction',
    formState: false,
    at: () => '/watchlist',
    fields: () => ({ feed: 'replace' }),
    refused: {
      anonymous: 'Sign in first.',
      banned: 'This account is banned; it can revoke its feed but not make a new one.',
    },
    refusal: watchlistProblem,
    allowed: () => ({ redirect: /^\/watchlist\?feed=made$/ }),
  },
  // Changesets and feedback: anyone signed in proposes; moderators decide or ask; only the author withdraws and revises.
  {
    action: 'changesets proposeChangesetAction',
    formState: true,
    at: (w) => `/changesets/new?mesh=${w.mesh}&version=${w.release}`,
    fields: (w, who) => ({
      mesh: w.mesh,
      version: w.release,
      title: `Role matrix ${who}`,
      'sources.0.url': 'https://example.com/fixture',
      rationale: 'role matrix',
      'cells.dashboard.base': '',
      'cells.dashboard.was.support': '',
      'cells.dashboard.support': 'yes',
    }),
    refused: signedInNotBanned,
    refusal: stateMessage,
    allowed: () => ({ redirect: /^\/changesets\/\d+\?done=/ }),
  },
  {
    action: 'changesets decideChangesetAction',
    formState: false,
    at: (w) => `/changesets/${w.changesets.decide.mo.id}`,
    fields: (w, who) => {
      const { id, cell } = w.changesets.decide[who === 'ada' ? 'ada' : 'mo'];
      return { id: String(id), [`cell.${cell}`]: 'approve' };
    },
    refused: moderatorsAndAdmins,
    refusal: (w, message) => ({ redirect: `/changesets/${w.changesets.decide.mo.id}?problem=${message}` }),
    allowed: (w, who) => ({
      redirect: new RegExp(`^/changesets/${w.changesets.decide[who as 'mo' | 'ada'].id}\\?done=`),
    }),
  },
  {
    action: 'changesets requestChangesetChangesAction',
    formState: false,
    at: (w) => `/changesets/${w.changesets.request.mo.id}`,
    fields: (w, who) => ({
      changesetId: String(w.changesets.request[who === 'ada' ? 'ada' : 'mo'].id),
      comment: 'role matrix',
    }),
    refused: moderatorsAndAdmins,
    refusal: (w, message) => ({ redirect: `/changesets/${w.changesets.request.mo.id}?problem=${message}` }),
    allowed: (w, who) => ({
      redirect: new RegExp(`^/changesets/${w.changesets.request[who as 'mo' | 'ada'].id}\\?done=`),
    }),
  },
  {
    action: 'changesets withdrawChangesetAction',
    formState: false,
    at: (w) => `/changesets/${w.changesets.withdraw}`,
    fields: (w) => ({ id: String(w.changesets.withdraw) }),
    refused: {
      ...signedInNotBanned,
      mo: 'Only the author can withdraw a changeset.',
      ada: 'Only the author can withdraw a changeset.',
    },
    refusal: (w, message) => ({ redirect: `/changesets/${w.changesets.withdraw}?problem=${message}` }),
    allowed: (w) => ({ redirect: new RegExp(`^/changesets/${w.changesets.withdraw}\\?done=`) }),
  },
  {
    action: 'changesets reviseChangesetAction',
    formState: true,
    at: (w) => `/changesets/${w.changesets.revise}/revise`,
    fields: (w) => ({
      id: String(w.changesets.revise),
      mesh: w.mesh,
      version: w.release,
      title: 'Role matrix revised',
      'sources.0.url': 'https://example.com/fixture',
      rationale: 'role matrix',
      'cells.ha-control-plane.base': '',
      'cells.ha-control-plane.was.support': '',
      'cells.ha-control-plane.support': 'partial',
    }),
    refused: {
      ...signedInNotBanned,
      mo: 'Only the author can revise a changeset.',
      ada: 'Only the author can revise a changeset.',
    },
    refusal: stateMessage,
    allowed: (w) => ({ redirect: new RegExp(`^/changesets/${w.changesets.revise}\\?done=`) }),
  },
  {
    action: 'review requestProposalChangesAction',
    formState: false,
    at: () => '/review',
    fields: (w, who) => ({ proposalId: String(w.askChanges[who === 'ada' ? 'ada' : 'mo']), comment: 'role matrix' }),
    refused: moderatorsAndAdmins,
    refusal: (w, message) => ({
      redirect: `/review?problem=Proposal ${w.askChanges.mo}: ${message}&focus=${w.askChanges.mo}`,
    }),
    allowed: (w, who) => ({
      redirect: new RegExp(`^/review\\?changesRequested=${w.askChanges[who as 'mo' | 'ada']}$`),
    }),
  },
  {
    action: 'proposals reviseProposalAction',
    formState: true,
    at: (w) => `/proposals/${w.reviseProposal}/revise`,
    fields: (w) => ({
      id: String(w.reviseProposal),
      support: 'partial',
      'sources.0.url': 'https://example.com/fixture',
      rationale: 'role matrix',
      baseRevisionId: '',
    }),
    refused: {
      ...signedInNotBanned,
      mo: 'Only the author can revise a proposal.',
      ada: 'Only the author can revise a proposal.',
    },
    refusal: stateMessage,
    allowed: (w) => ({ redirect: new RegExp(`^/proposals/${w.reviseProposal}\\?revised=1$`) }),
  },
  // Cells: propose, withdraw, review, revert.
  {
    action: 'meshes/[slug]/[version]/[feature]/propose proposeCellChangeAction',
    formState: true,
    at: (w) => `/meshes/${w.mesh}/${w.release}/${w.row.propose}/propose`,
    fields: (w, who) => ({
      mesh: w.mesh,
      version: w.release,
      feature: w.row.propose,
      support: 'yes',
      'sources.0.url': 'https://example.com/role-matrix',
      rationale: `role matrix: ${who}`,
      baseRevisionId: '',
    }),
    refused: signedInNotBanned,
    refusal: stateMessage,
    allowed: () => ({ redirect: /^\/proposals\?submitted=\d+$/ }),
  },
  {
    action: 'proposals withdrawProposalAction',
    formState: false,
    at: () => '/proposals',
    fields: (w) => ({ id: String(w.withdraw) }),
    // Only the author withdraws: mo and ada are refused alice's proposal like anyone else.
    refused: {
      ...signedInNotBanned,
      mo: 'Only the author can withdraw a proposal.',
      ada: 'Only the author can withdraw a proposal.',
    },
    refusal: (_w, message) => ({ redirect: `/proposals?problem=${message}` }),
    allowed: (w) => ({ redirect: new RegExp(`^/proposals\\?withdrawn=${w.withdraw}$`) }),
  },
  {
    action: 'review approveProposalAction',
    formState: false,
    at: () => '/review',
    fields: (w, who) => ({ id: String(w.approve[who === 'ada' ? 'ada' : 'mo']) }),
    refused: moderatorsAndAdmins,
    refusal: (w, message) => ({ redirect: `/review?problem=${message}&focus=${w.approve.mo}` }),
    allowed: (w, who) => ({ redirect: new RegExp(`^/review\\?approved=${w.approve[who as 'mo' | 'ada']}$`) }),
  },
  {
    action: 'review rejectProposalAction',
    formState: false,
    at: () => '/review',
    fields: (w, who) => ({ id: String(w.reject[who === 'ada' ? 'ada' : 'mo']), preset: 'No source supports this' }),
    refused: moderatorsAndAdmins,
    refusal: (w, message) => ({ redirect: `/review?problem=Proposal ${w.reject.mo}: ${message}&focus=${w.reject.mo}` }),
    allowed: (w, who) => ({ redirect: new RegExp(`^/review\\?rejected=${w.reject[who as 'mo' | 'ada']}$`) }),
  },
  {
    action: 'meshes/[slug]/[version]/[feature]/diff revertCellAction',
    formState: false,
    at: (w) => `/meshes/${w.mesh}/${w.release}/${w.revert.mo.feature}/diff`,
    fields: (w, who) => {
      const cell = w.revert[who === 'ada' ? 'ada' : 'mo'];
      return {
        mesh: w.mesh,
        version: w.release,
        feature: cell.feature,
        revisionId: String(cell.earlier),
        from: String(cell.earlier),
        to: String(cell.head),
        reason: 'role matrix',
      };
    },
    refused: moderatorsAndAdmins,
    refusal: (w, message) => ({
      redirect: `/meshes/${w.mesh}/${w.release}/${w.revert.mo.feature}/diff?from=${w.revert.mo.earlier}&to=${w.revert.mo.head}&problem=${message}`,
    }),
    allowed: (w, who) => ({
      redirect: new RegExp(
        `^/meshes/${w.mesh}/${w.release}/${w.revert[who as 'mo' | 'ada'].feature}\\?reverted=1#history-heading$`,
      ),
    }),
  },

  // Releases and mesh status, for moderators.
  {
    action: 'meshes/[slug]/manage addReleaseAction',
    formState: true,
    at: (w) => `/meshes/${w.mesh}/manage`,
    fields: (w, who) => ({
      mesh: w.mesh,
      label: who === 'ada' ? '3.0' : who === 'mo' ? '2.0' : '9.0',
      releasedOn: '2024-01-01',
    }),
    refused: moderatorsAndAdmins,
    refusal: stateMessage,
    allowed: (w, who) => ({
      redirect: new RegExp(`^/meshes/${w.mesh}/manage\\?added=${who === 'ada' ? '3' : '2'}\\.0$`),
    }),
  },
  {
    action: 'meshes/[slug]/manage updateReleaseAction',
    formState: false,
    at: (w) => `/meshes/${w.mesh}/manage`,
    fields: (w, who) => ({
      mesh: w.mesh,
      label: w.release,
      releasedOn: who === 'ada' ? '2020-02-02' : who === 'mo' ? '2020-01-01' : '2019-01-01',
    }),
    refused: moderatorsAndAdmins,
    refusal: (w, message) => ({ redirect: `/meshes/${w.mesh}/manage?problem=${w.release}: ${message}` }),
    allowed: (w) => ({ redirect: new RegExp(`^/meshes/${w.mesh}/manage\\?updated=${w.release.replace('.', '\\.')}$`) }),
  },
  {
    action: 'meshes/[slug]/manage setMeshStatusAction',
    formState: false,
    at: (w) => `/meshes/${w.mesh}/manage`,
    // mo archives, ada makes it active again: the mesh ends as it began.
    fields: (w, who) => ({
      mesh: w.mesh,
      status: who === 'ada' ? 'active' : 'archived',
      reason: 'role matrix',
      sourceUrl: 'https://example.com/role-matrix',
    }),
    refused: moderatorsAndAdmins,
    refusal: (w, message) => ({ redirect: `/meshes/${w.mesh}/manage?problem=${message}` }),
    allowed: (w) => ({ redirect: new RegExp(`^/meshes/${w.mesh}/manage\\?status=changed$`) }),
  },

  // Structure, for admins; a mesh's status is a moderator's decision here as on its manage page.
  {
    action: 'admin/structure addCategoryAction',
    formState: true,
    at: () => '/admin/structure',
    fields: (w) => ({ name: `RM ${w.t} added category`, slug: `rm-${w.t}-added` }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({
      redirect: new RegExp(
        `^/admin/structure\\?done=Category RM ${w.t} added category added\\.#category-rm-${w.t}-added$`,
      ),
    }),
  },
  {
    action: 'admin/structure renameCategoryAction',
    formState: true,
    at: (w) => `/admin/structure/categories/${w.cat.rename}`,
    fields: (w) => ({ category: w.cat.rename, name: `RM ${w.t} renamed category` }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({
      redirect: new RegExp(
        `^/admin/structure/categories/${w.cat.rename}\\?done=Category renamed to RM ${w.t} renamed category\\.$`,
      ),
    }),
  },
  {
    action: 'admin/structure moveCategoryAction',
    formState: false,
    at: () => '/admin/structure',
    fields: (w) => ({ category: w.cat.move, direction: 'up' }),
    refused: adminOnly,
    refusal: structureProblem,
    allowed: (w) => ({ redirect: new RegExp(`^/admin/structure\\?done=Category ${w.cat.move} moved up\\.$`) }),
  },
  {
    action: 'admin/structure setCategoryStatusAction',
    formState: false,
    at: () => '/admin/structure',
    fields: (w) => ({ category: w.cat.retire, status: 'retired' }),
    refused: adminOnly,
    refusal: structureProblem,
    allowed: (w) => ({
      redirect: new RegExp(`^/admin/structure\\?done=Category RM ${w.t} retire retired: its rows left the matrix\\.$`),
    }),
  },
  {
    action: 'admin/structure addFeatureAction',
    formState: true,
    at: () => '/admin/structure',
    fields: (w) => ({
      category: w.cat.rows,
      name: `RM ${w.t} added row`,
      slug: `rm-${w.t}-added-row`,
      definition: 'Yes if the role matrix says so.',
      kind: 'support',
    }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({
      redirect: new RegExp(
        `^/admin/structure/categories/${w.cat.rows}\\?done=Row RM ${w.t} added row added\\.#row-rm-${w.t}-added-row$`,
      ),
    }),
  },
  {
    action: 'admin/structure updateFeatureAction',
    formState: true,
    at: (w) => `/admin/structure/rows/${w.row.edit}`,
    fields: (w) => ({
      feature: w.row.edit,
      name: `RM ${w.t} edited row`,
      definition: 'Yes if the role matrix edited it.',
    }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({
      redirect: new RegExp(`^/admin/structure/rows/${w.row.edit}\\?done=Row RM ${w.t} edited row saved\\.$`),
    }),
  },
  {
    action: 'admin/structure moveFeatureToCategoryAction',
    formState: true,
    at: (w) => `/admin/structure/rows/${w.row.moveTo}`,
    fields: (w) => ({ feature: w.row.moveTo, category: w.cat.move }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({
      redirect: new RegExp(
        `^/admin/structure/rows/${w.row.moveTo}\\?done=Row RM ${w.t} moveto moved to ${w.cat.move}\\.$`,
      ),
    }),
  },
  {
    action: 'admin/structure moveFeatureAction',
    formState: false,
    at: (w) => `/admin/structure/categories/${w.cat.rows}`,
    fields: (w) => ({ feature: w.row.up2, direction: 'up' }),
    refused: adminOnly,
    refusal: structureProblem,
    allowed: (w) => ({ redirect: new RegExp(`^/admin/structure\\?done=Row ${w.row.up2} moved up\\.$`) }),
  },
  {
    action: 'admin/structure setFeatureStatusAction',
    formState: false,
    at: () => '/admin/structure',
    fields: (w) => ({ feature: w.row.retire, status: 'retired' }),
    refused: adminOnly,
    refusal: structureProblem,
    allowed: (w) => ({
      redirect: new RegExp(
        `^/admin/structure\\?done=Row RM ${w.t} retire retired: it left the matrix and keeps its history\\.$`,
      ),
    }),
  },
  {
    action: 'admin/structure addMeshAction',
    formState: true,
    at: () => '/admin/structure',
    fields: (w) => ({ name: `RM ${w.t} added mesh`, slug: `rm-${w.t}-added-mesh`, firstRelease: '1.0' }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({
      redirect: new RegExp(
        `^/admin/structure\\?done=Mesh RM ${w.t} added mesh added with release 1\\.0\\.#mesh-rm-${w.t}-added-mesh$`,
      ),
    }),
  },
  {
    action: 'admin/structure renameMeshAction',
    formState: true,
    // A mesh of its own: the import below finds the main mesh by its name.
    at: (w) => `/admin/structure/meshes/${w.mesh}-rename`,
    fields: (w) => ({ mesh: `${w.mesh}-rename`, name: `${w.meshName} renamed` }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({
      redirect: new RegExp(
        `^/admin/structure/meshes/${w.mesh}-rename\\?done=Mesh renamed to ${w.meshName} renamed\\.$`,
      ),
    }),
  },
  {
    action: 'admin/structure setMeshStatusAction',
    formState: false,
    at: (w) => `/admin/structure/meshes/${w.mesh}`,
    fields: (w, who) => ({
      mesh: w.mesh,
      status: who === 'ada' ? 'active' : 'archived',
      reason: 'role matrix',
      sourceUrl: 'https://example.com/role-matrix',
    }),
    refused: moderatorsAndAdmins,
    refusal: structureProblem,
    allowed: (w, who) => ({
      redirect: new RegExp(`^/admin/structure\\?done=.* is now ${who === 'ada' ? 'active' : 'archived'}\\.$`),
    }),
  },
  {
    action: 'admin/structure forgetImportAliasAction',
    formState: false,
    at: (w) => `/admin/structure/meshes/${w.mesh}`,
    fields: (w) => ({ alias: String(w.aliasId) }),
    refused: adminOnly,
    refusal: structureProblem,
    allowed: (w) => ({
      redirect: new RegExp(
        `^/admin/structure\\?done=Forgot the name “RM ${w.t} alias”: the next import that uses it asks again\\.$`,
      ),
    }),
  },

  // People, for admins: olivia (the banned contributor) changes role and has her ban lifted; alice is banned for a moment.
  {
    action: 'admin/users changeUserRoleAction',
    formState: true,
    at: (w) => `/admin/users/${w.oliviaId}`,
    fields: (w) => ({ userId: String(w.oliviaId), role: 'moderator', reason: 'role matrix' }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({ redirect: new RegExp(`^/admin/users/${w.oliviaId}\\?done=role$`) }),
  },
  {
    action: 'admin/users banUserAction',
    formState: true,
    at: (w) => `/admin/users/${w.aliceId}`,
    fields: (w) => ({ userId: String(w.aliceId), reason: 'role matrix' }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({ redirect: new RegExp(`^/admin/users/${w.aliceId}\\?done=ban$`) }),
  },
  {
    action: 'admin/users unbanUserAction',
    formState: true,
    at: (w) => `/admin/users/${w.oliviaId}`,
    // The banned column is olivia lifting her own ban.
    fields: (w) => ({ userId: String(w.oliviaId), reason: 'role matrix' }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: (w) => ({ redirect: new RegExp(`^/admin/users/${w.oliviaId}\\?done=unban$`) }),
  },

  // Trust: mo trusts alice, ada takes it back; the patrol list's check and revert; the threshold, saved off.
  ...(['admin/users setUserTrustAction', 'review/contributors/[id] setContributorTrustAction'] as const).map(
    (action): Entry => ({
      action,
      formState: true,
      at: (w) => (action.startsWith('admin') ? `/admin/users/${w.aliceId}` : `/review/contributors/${w.aliceId}`),
      fields: (w, who) => ({ userId: String(w.aliceId), trusted: String(who !== 'ada'), reason: 'role matrix' }),
      refused: moderatorsAndAdmins,
      refusal: stateMessage,
      allowed: (w) => ({ redirect: new RegExp(`^/(admin/users|review/contributors)/${w.aliceId}\\?done=(un)?trust$`) }),
    }),
  ),
  ...(['check', 'revert'] as const).map((kind): Entry => ({
    action: kind === 'check' ? 'review/patrol markPatrolledAction' : 'review/patrol revertPatrolledAction',
    formState: false,
    at: () => '/review/patrol',
    fields: (w, who) => ({ id: String(w.patrol[kind][who === 'ada' ? 'ada' : 'mo']), reason: 'role matrix' }),
    refused: moderatorsAndAdmins,
    refusal: (_w, message) => ({ redirect: `/review/patrol?problem=${message}` }),
    allowed: (w, who) => ({
      redirect: new RegExp(
        `^/review/patrol\\?${kind === 'check' ? 'checked' : 'reverted'}=${w.patrol[kind][who as 'mo' | 'ada']}$`,
      ),
    }),
  })),
  {
    action: 'admin/settings setTrustThresholdAction',
    formState: true,
    at: () => '/admin/settings',
    // No `enabled`: saved off, as other specs expect.
    fields: () => ({ minApproved: '20', days: '90' }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: () => ({ redirect: /^\/admin\/settings\?done=threshold$/ }),
  },
  // Discussion: anyone signed in and not banned comments; moderators and admins hide and show again.
  {
    action: 'comments addCommentAction',
    formState: true,
    at: (w) => `/rows/${w.row.propose}`,
    fields: (w, who) => ({ target: 'row', feature: w.row.propose, body: `role matrix: ${who}` }),
    refused: signedInNotBanned,
    refusal: stateMessage,
    allowed: (w) => ({ redirect: new RegExp(`^/rows/${w.row.propose}(#comment-\\d+)?$`) }),
  },
  {
    action: 'comments hideCommentAction',
    formState: true,
    at: (w) => `/rows/${w.row.propose}`,
    fields: (w, who) => ({ id: String(w.hide[who === 'ada' ? 'ada' : 'mo']), reason: 'role matrix' }),
    refused: moderatorsAndAdmins,
    refusal: stateMessage,
    allowed: (w) => ({ redirect: new RegExp(`^/rows/${w.row.propose}(#comment-\\d+)?$`) }),
  },
  {
    action: 'comments unhideCommentAction',
    formState: true,
    at: (w) => `/rows/${w.row.propose}`,
    fields: (w, who) => ({ id: String(w.unhide[who === 'ada' ? 'ada' : 'mo']) }),
    refused: moderatorsAndAdmins,
    refusal: stateMessage,
    allowed: (w) => ({ redirect: new RegExp(`^/rows/${w.row.propose}(#comment-\\d+)?$`) }),
  },

  // Imports, for admins; `intent=import` writes (a dry run would not).
  {
    action: 'admin/import importTableAction',
    formState: true,
    at: () => '/admin/import',
    fields: (w) => ({
      table: [
        `| Feature | ${w.meshName} |`,
        '| --- | --- |',
        `| Version | ${w.release} |`,
        `| ${w.row.importName} | yes |`,
      ].join('\n'),
      source: 'https://example.org/role-matrix',
      date: '2024-05-01',
      title: 'Role matrix',
      mode: 'publish',
      intent: 'import',
    }),
    refused: adminOnly,
    refusal: stateMessage,
    allowed: () => ({ written: true }),
  },
];

const contexts = new Map<Who, APIRequestContext>();
let world: World;

function describeOutcome(outcome: ActionOutcome): string {
  return JSON.stringify(outcome).slice(0, 400);
}

/** Straight from the server's database file, read-only: ids the pages would only show as markup. */
function lookup<T>(query: string, ...params: unknown[]): T | undefined {
  const db = new Database(e2eEnv.DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

function pendingOn(mesh: string): { id: number; email: string }[] {
  const db = new Database(e2eEnv.DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        "SELECT p.id, u.email FROM proposals p JOIN users u ON u.id = p.author_id JOIN mesh_versions v ON v.id = p.mesh_version_id JOIN meshes m ON m.id = v.mesh_id WHERE m.slug = ? AND p.status = 'pending'",
      )
      .all(mesh) as { id: number; email: string }[];
  } finally {
    db.close();
  }
}

const oliviaIsBanned = () =>
  lookup<{ banned: number }>('SELECT banned FROM users WHERE email = ?', oidcUser.email)?.banned === 1;

async function asAdmin(
  key: ActionKey,
  at: string,
  fields: Record<string, string>,
  formState: boolean,
  expected: RegExp,
) {
  const outcome = await submitAction(contexts.get('ada')!, key, at, fields, { formState });
  expect(outcome.redirect, `${key}: ${describeOutcome(outcome)}`).toMatch(expected);
}

async function setOliviaBanned(banned: boolean) {
  if (oliviaIsBanned() === banned) return;
  const key = banned ? 'admin/users banUserAction' : 'admin/users unbanUserAction';
  await asAdmin(
    key,
    `/admin/users/${world.oliviaId}`,
    { userId: String(world.oliviaId), reason: 'role matrix fixture' },
    true,
    /\?done=(un)?ban$/,
  );
}

const aliceIsTrusted = () =>
  lookup<{ trusted: number }>('SELECT trusted FROM users WHERE id = ?', world.aliceId)?.trusted === 1;

async function setAliceTrusted(trusted: boolean) {
  if (aliceIsTrusted() === trusted) return;
  await asAdmin(
    'admin/users setUserTrustAction',
    `/admin/users/${world.aliceId}`,
    { userId: String(world.aliceId), trusted: String(trusted), reason: 'role matrix fixture' },
    true,
    /\?done=(un)?trust$/,
  );
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  for (const who of everyone) contexts.set(who, await contextFor(who));
  const ada = contexts.get('ada')!;
  const t = runTag();
  const mesh = `rm-${t}`;
  const w: Partial<World> = {
    t,
    mesh,
    meshName: `RM ${t}`,
    release: '1.0',
    cat: { rows: `rm-${t}-rows`, move: `rm-${t}-move`, retire: `rm-${t}-retire`, rename: `rm-${t}-rename` },
    oliviaId: lookup<{ id: number }>('SELECT id FROM users WHERE email = ?', oidcUser.email)!.id,
    aliceId: lookup<{ id: number }>('SELECT id FROM users WHERE email = ?', 'alice@demo.mesh-matrix.invalid')!.id,
  };
  world = w as World;

  await asAdmin(
    'admin/structure addMeshAction',
    '/admin/structure',
    { name: w.meshName!, slug: mesh, firstRelease: '1.0' },
    true,
    /\?done=Mesh /,
  );
  await asAdmin(
    'admin/structure addMeshAction',
    '/admin/structure',
    { name: `RM ${t} to rename`, slug: `${mesh}-rename`, firstRelease: '1.0' },
    true,
    /\?done=Mesh /,
  );
  for (const [key, slug] of Object.entries(w.cat!)) {
    await asAdmin(
      'admin/structure addCategoryAction',
      '/admin/structure',
      { name: `RM ${t} ${key}`, slug },
      true,
      /\?done=Category /,
    );
  }
  const rowNames = ['edit', 'up1', 'up2', 'moveTo', 'retire', 'propose', 'import', 'rev-mo', 'rev-ada'];
  for (const name of rowNames) {
    await asAdmin(
      'admin/structure addFeatureAction',
      '/admin/structure',
      {
        category: w.cat!.rows,
        name: `RM ${t} ${name.toLowerCase()}`,
        slug: `rm-${t}-${name.toLowerCase()}`,
        definition: 'Yes if the role matrix says so.',
        kind: 'support',
      },
      true,
      /\?done=Row /,
    );
  }
  const row = (name: string) => `rm-${t}-${name.toLowerCase()}`;
  world.row = {
    edit: row('edit'),
    up1: row('up1'),
    up2: row('up2'),
    moveTo: row('moveTo'),
    retire: row('retire'),
    propose: row('propose'),
    importName: `RM ${t} import`,
  };

  const alice = contexts.get('alice')!;
  const mo = contexts.get('mo')!;
  const cell = (feature: string) => ({ mesh, version: '1.0', feature });
  world.approve = {
    mo: await proposeJson(alice, cell('mtls'), { support: 'yes' }),
    ada: await proposeJson(alice, cell('rate-limiting'), { support: 'yes' }),
  };
  world.reject = {
    mo: await proposeJson(alice, cell('circuit-breaking'), { support: 'yes' }),
    ada: await proposeJson(alice, cell('distributed-tracing'), { support: 'yes' }),
  };
  world.withdraw = await proposeJson(alice, cell('percentage-based-traffic-splits'), { support: 'yes' });
  const twoRevisions = async (feature: string) => {
    const earlier = await setCellJson(alice, mo, cell(feature), { support: 'yes' });
    return { feature, earlier, head: await setCellJson(alice, mo, cell(feature), { support: 'no' }) };
  };
  world.revert = { mo: await twoRevisions(row('rev-mo')), ada: await twoRevisions(row('rev-ada')) };
  // alice, trusted for a moment, publishes four values without review: two with a value before them to revert to.
  await setCellJson(alice, mo, cell('fault-injection'), { support: 'yes' });
  await setCellJson(alice, mo, cell('delay-injection'), { support: 'yes' });
  await setAliceTrusted(true);
  try {
    world.patrol = {
      check: {
        mo: await proposeJson(alice, cell('tcp'), { support: 'yes' }),
        ada: await proposeJson(alice, cell('grpc'), { support: 'yes' }),
      },
      revert: {
        mo: await proposeJson(alice, cell('fault-injection'), { support: 'no' }),
        ada: await proposeJson(alice, cell('delay-injection'), { support: 'no' }),
      },
    };
  } finally {
    await setAliceTrusted(false);
  }
  const comment = async () => {
    const response = await postJson(alice, '/api/v1/comments', {
      target: 'row',
      feature: row('propose'),
      body: 'fixture',
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()).id as number;
  };
  const hidden = async () => {
    const id = await comment();
    expect((await postJson(mo, `/api/v1/comments/${id}/hide`, { reason: 'role matrix fixture' })).status()).toBe(200);
    return id;
  };
  const changeset = async (feature: string) => {
    const response = await postJson(alice, '/api/v1/changesets', {
      title: `Role matrix ${feature}`,
      sources: [{ url: 'https://example.com/fixture' }],
      rationale: 'role matrix fixture',
      changes: [{ ...cell(feature), support: 'yes' }],
    });
    expect(response.status(), await response.text()).toBe(201);
    const body = (await response.json()) as { id: number; proposals: number[] };
    return { id: body.id, cell: body.proposals[0]! };
  };
  const asked = async <T>(path: string, value: T) => {
    expect((await postJson(mo, path, { comment: 'role matrix fixture' })).status()).toBe(200);
    return value;
  };
  const toRevise = await changeset('ha-control-plane');
  const single = await proposeJson(alice, cell('per-node-agent'), { support: 'yes', baseRevisionId: null });
  world.changesets = {
    decide: { mo: await changeset('http-2'), ada: await changeset('websockets') },
    request: { mo: await changeset('multi-cluster'), ada: await changeset('mesh-expansion') },
    withdraw: (await changeset('cni-plugin')).id,
    revise: await asked(`/api/v1/changesets/${toRevise.id}/request-changes`, toRevise.id),
  };
  world.askChanges = {
    mo: await proposeJson(alice, cell('load-balancing'), { support: 'yes' }),
    ada: await proposeJson(alice, cell('retry-and-timeout'), { support: 'yes' }),
  };
  world.reviseProposal = await asked(`/api/v1/proposals/${single}/request-changes`, single);
  world.hide = { mo: await comment(), ada: await comment() };
  world.unhide = { mo: await hidden(), ada: await hidden() };

  // An import remembers a column name it was told to map: the alias ada forgets.
  const aliasName = `RM ${t} alias`;
  const imported = await submitAction(
    ada,
    'admin/import importTableAction',
    '/admin/import',
    {
      table: [`| Feature | ${aliasName} |`, '| --- | --- |', '| Version | 1.0 |', `| RM ${t} import | no |`].join('\n'),
      source: 'https://example.org/role-matrix-alias',
      date: '2024-04-01',
      title: 'Role matrix alias',
      mode: 'publish',
      intent: 'import',
      'choice-kind-0': 'column',
      'choice-heading-0': aliasName,
      'choice-value-0': `map:${mesh}`,
    },
    { formState: true },
  );
  expect(imported.state?.report?.written, describeOutcome(imported)).toBe(true);
  const watchOf = async (who: 'alice' | 'mo' | 'ada') => {
    const response = await postJson(contexts.get(who)!, '/api/v1/watches', { mesh: world.mesh });
    expect([200, 201], await response.text()).toContain(response.status());
    return (await response.json()).id as number;
  };
  world.watches = { alice: await watchOf('alice'), mo: await watchOf('mo'), ada: await watchOf('ada') };
  world.aliasId = lookup<{ id: number }>('SELECT id FROM import_aliases WHERE name = ?', aliasName)!.id;

  await setOliviaBanned(true);
});

test.afterAll(async () => {
  if (!world?.oliviaId) return;
  // Other specs find olivia a contributor who is not banned, and alice able to propose.
  const olivia = lookup<{ role: string }>('SELECT role FROM users WHERE id = ?', world.oliviaId);
  if (olivia?.role !== 'contributor') {
    await asAdmin(
      'admin/users changeUserRoleAction',
      `/admin/users/${world.oliviaId}`,
      { userId: String(world.oliviaId), role: 'contributor', reason: 'role matrix over' },
      true,
      /\?done=role$/,
    );
  }
  await setOliviaBanned(false);
  // Its categories leave the matrix, so the row count (and with it the columns per page) other specs see is the seed's.
  for (const slug of [...Object.values(world.cat), `rm-${world.t}-added`]) {
    const category = lookup<{ status: string }>('SELECT status FROM categories WHERE slug = ?', slug);
    if (category?.status === 'active') {
      await asAdmin(
        'admin/structure setCategoryStatusAction',
        '/admin/structure',
        { category: slug, status: 'retired' },
        false,
        /\?done=Category /,
      );
    }
  }
  // The proposals this spec left pending on its own mesh leave the review queue other specs read.
  const authors: Record<string, Who> = {
    'alice@demo.mesh-matrix.invalid': 'alice',
    'mo@demo.mesh-matrix.invalid': 'mo',
    'ada@demo.mesh-matrix.invalid': 'ada',
  };
  for (const p of pendingOn(world.mesh)) {
    const who = authors[p.email];
    if (who) expect((await postJson(contexts.get(who)!, `/api/v1/proposals/${p.id}/withdraw`, {})).status()).toBe(200);
  }
  for (const context of contexts.values()) await context.dispose();
});

for (const entry of entries) {
  test(`${entry.action}: refused to ${Object.keys(entry.refused).join(', ')}; allowed to ${everyone.filter((w) => !(w in entry.refused)).join(', ')}`, async () => {
    if (entry.action === 'admin/users unbanUserAction') await setOliviaBanned(true);
    try {
      // Refusals first: each is submitted against the very target an allowed role then changes.
      const order = [
        ...everyone.filter((who) => who in entry.refused),
        ...everyone.filter((who) => !(who in entry.refused)),
      ];
      for (const who of order) {
        const where = `${entry.action} as ${who}`;
        const before = readDatabaseState();
        const outcome = await submitAction(
          contexts.get(who)!,
          entry.action,
          entry.at(world),
          entry.fields(world, who),
          { formState: entry.formState },
        );
        const message = entry.refused[who];
        if (message !== undefined) {
          const expected = entry.refusal(world, message);
          if ('message' in expected)
            expect(outcome.state?.message, `${where}: ${describeOutcome(outcome)}`).toBe(expected.message);
          else expect(outcome.redirect, `${where}: ${describeOutcome(outcome)}`).toBe(expected.redirect);
          expect(readDatabaseState(), `${where} changes nothing`).toEqual(before);
        } else {
          const expected = entry.allowed(world, who);
          if ('written' in expected) {
            expect(outcome.state?.message, `${where}: ${describeOutcome(outcome)}`).toBeUndefined();
            expect(outcome.state?.report?.written, `${where}: ${describeOutcome(outcome)}`).toBe(true);
          } else {
            expect(outcome.redirect, `${where}: ${describeOutcome(outcome)}`).toMatch(expected.redirect);
          }
          expect(readDatabaseState(), `${where} writes`).not.toEqual(before);
        }
      }
    } finally {
      if (
        entry.action === 'admin/users banUserAction' &&
        lookup<{ banned: number }>('SELECT banned FROM users WHERE id = ?', world.aliceId)?.banned
      ) {
        await asAdmin(
          'admin/users unbanUserAction',
          `/admin/users/${world.aliceId}`,
          { userId: String(world.aliceId), reason: 'role matrix over' },
          true,
          /\?done=unban$/,
        );
      }
      if (entry.action === 'admin/users unbanUserAction') await setOliviaBanned(true);
      // Other specs find alice's proposals waiting for review.
      if (entry.action.endsWith('TrustAction')) await setAliceTrusted(false);
    }
  });
}

test('every server action has an entry in the role matrix, and the build knows each one', () => {
  const actions = serverActionsInSource();
  expect(actions.length).toBeGreaterThan(0);
  const covered = entries.map((e) => e.action);
  expect(
    actions.filter((a) => !covered.includes(a)),
    'add an entry to entries in tests/e2e/role-matrix.spec.ts for each',
  ).toEqual([]);
  expect(
    covered.filter((a) => !actions.includes(a)),
    'entries for server actions that no longer exist',
  ).toEqual([]);
  for (const action of actions) expect(actionId(action)).toMatch(/^[0-9a-f]{40,}$/);
});
