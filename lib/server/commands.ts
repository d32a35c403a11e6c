import { banUser, changeUserRole, unbanUser } from './users/admin-users';
import { removeImportAlias } from './import/aliases';
import { importHistoryVersion } from './import/import-history';
import { importTable } from './import/run-import';
import { proposeCellChange, withdrawProposal } from './proposals/proposals';
import { requestChanges, reviseProposal } from './proposals/feedback';
import { decideChangeset, proposeChangeset, reviseChangeset, withdrawChangeset } from './changesets/changesets';
import { addRelease, setMeshStatus, updateRelease } from './releases/releases';
import { approveProposal, rejectProposal, revertCell } from './proposals/review';
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
} from './structure/structure';
import { signInUser } from './users/users';
import { setUserTrust } from './users/trust';
import { patrolProposal } from './patrol/patrol';
import { setTrustThreshold } from './settings/settings';
import { markWatchlistSeen, rotateFeedToken, unwatchTarget, watchTarget } from './watches/watches';
import { addComment, hideComment, unhideComment } from './comments/comments';
import { loadDump } from './exports/load-dump';

/**
 * Every write the site makes, each a command (lib/server/command.ts): who may run
 * it, its schema, its transaction, its audit event and what it changes.
 * tests/unit/commands.test.ts fails when a command is missing here or a write
 * happens outside one. The seed and migrations (lib/server/init.ts) run before the
 * site opens and are the only other writers.
 */
export const commands = {
  proposeCellChange,
  withdrawProposal,
  approveProposal,
  rejectProposal,
  revertCell,
  requestChanges,
  reviseProposal,
  proposeChangeset,
  decideChangeset,
  withdrawChangeset,
  reviseChangeset,
  addRelease,
  updateRelease,
  setMeshStatus,
  addCategory,
  renameCategory,
  moveCategory,
  setCategoryStatus,
  addFeature,
  updateFeature,
  moveFeature,
  moveFeatureToCategory,
  setFeatureStatus,
  addMesh,
  renameMesh,
  removeImportAlias,
  importTable,
  importHistoryVersion,
  changeUserRole,
  banUser,
  unbanUser,
  signInUser,
  setUserTrust,
  patrolProposal,
  setTrustThreshold,
  watchTarget,
  unwatchTarget,
  rotateFeedToken,
  markWatchlistSeen,
  addComment,
  hideComment,
  unhideComment,
  loadDump,
};
