import * as changesets from './changesets';
import * as comments from './comments';
import * as importArea from './import';
import * as proposals from './proposals';
import * as releases from './releases';
import * as review from './review';
import * as structure from './structure';
import * as trust from './trust';
import type { FormEntry } from './types';
import * as users from './users';
import * as watch from './watch';

/** Every form of the site, one table per area: the browser sweep and tests/integration/form-fields.test.ts share it. */
export const formEntries: FormEntry[] = [
  ...proposals.formEntries,
  ...review.formEntries,
  ...releases.formEntries,
  ...users.formEntries,
  ...structure.formEntries,
  ...importArea.formEntries,
  ...changesets.formEntries,
  ...trust.formEntries,
  ...watch.formEntries,
  ...comments.formEntries,
];
