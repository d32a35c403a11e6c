import * as comments from './comments';
import * as importArea from './import';
import * as proposals from './proposals';
import * as releases from './releases';
import * as review from './review';
import * as structure from './structure';
import type { FormEntry } from './types';
import * as users from './users';

/** Every form of the site, one table per area: the browser sweep and tests/integration/form-fields.test.ts share it. */
export const formEntries: FormEntry[] = [
  ...proposals.formEntries,
  ...review.formEntries,
  ...releases.formEntries,
  ...users.formEntries,
  ...structure.formEntries,
  ...importArea.formEntries,
  ...comments.formEntries,
];
