import { z } from 'zod';

/**
 * The query of a page that takes only a few text parameters (filters, and the outcome a form's redirect carries): each
 * may be given once, and any other is refused by name like in the API (lib/rules/query.ts).
 */
function textParams<const K extends string>(...names: K[]) {
  return z
    .object(
      Object.fromEntries(names.map((name) => [name, z.string().optional()])) as Record<K, z.ZodOptional<z.ZodString>>,
    )
    .strict();
}

/** `/signin?callbackUrl=/proposals&error=CredentialsSignin`, as next-auth redirects to it. */
export const signInQuerySchema = textParams('callbackUrl', 'error');

/** `/proposals?submitted=12`, `?published=12`, `?withdrawn=12`, `?problem=…`: where the propose and withdraw forms come back to. */
export const myProposalsQuerySchema = textParams('submitted', 'published', 'withdrawn', 'problem');

/** `/proposals/{id}?revised=1` after the author's revision. */
export const proposalQuerySchema = textParams('revised');

/**
 * `/review?mesh=&feature=&author=&import=&sort=` filters, oldest first unless `sort=newest`; `approved`, `rejected`,
 * `problem` and `focus` from its buttons.
 */
export const reviewQuerySchema = textParams(
  'mesh',
  'feature',
  'author',
  'import',
  'approved',
  'rejected',
  'changesRequested',
  'problem',
  'focus',
)
  .extend({ sort: z.enum(['oldest', 'newest'], { error: 'must be oldest or newest' }).optional() })
  .strict();

/** `/admin/audit?user=&object=&page=`. */
export const auditQuerySchema = textParams('user', 'object', 'page');

/** `/admin/users?q=&page=`. */
export const usersQuerySchema = textParams('q', 'page');

/** `/admin/users/{id}?done=role`: the outcome of a role change or ban. */
export const userQuerySchema = textParams('done');

/** `/review/patrol?checked=12`, `?reverted=12`, `?problem=…`: where its buttons come back to. */
export const patrolQuerySchema = textParams('checked', 'reverted', 'problem');

/** `/admin/structure` and its sub-pages: `done` or `problem` from a button form. */
export const outcomeQuerySchema = textParams('done', 'problem');

/** `/meshes/{slug}/manage?added=1.4`, `?updated=`, `?status=changed`, `?problem=`. */
export const manageMeshQuerySchema = textParams('added', 'updated', 'status', 'problem');

/** `/meshes/{slug}/{version}/{feature}/diff?from=12&to=14`, and `problem` from a refused revert. */
export const revisionDiffQuerySchema = textParams('from', 'to', 'problem');

/** `/meshes/{slug}/{version}/{feature}/history?page=2`: an older page of a cell's history (the cell page holds the first). */
export const cellHistoryQuerySchema = z
  .object({
    page: z
      .string({ error: 'page is required: which page of the history, from 2' })
      .regex(/^[1-9][0-9]{0,5}$/, { error: 'page must be a whole number from 2' })
      .transform(Number)
      .refine((n) => n >= 2, { error: 'page must be a whole number from 2 (the cell page holds the first)' }),
  })
  .strict();

/** A page or API read that takes no parameters: any given is refused by name. */
export const noQuerySchema = textParams();

/** `/changesets/{id}?done=…&problem=…`: the outcome a decision's redirect carries. */
export const changesetQuerySchema = textParams('done', 'problem');

/** `/changesets/new?mesh=istio&version=1.24` (changes to a release) or `?mesh=istio&release=new` (a new release). */
export const newChangesetQuerySchema = textParams('mesh', 'version', 'release');
