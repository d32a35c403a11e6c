import { z } from 'zod';
import { importModes, proposalStatuses, roles, supportLevels } from '@/db/schema';
import { BadRequestError } from './errors';
import { sourceUrlProblem } from './sources';
import { parseReleaseKey } from './cell-keys';

export const slugSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens');

/** Path words under /meshes/{slug}/ that a release label must not take. */
const reservedLabels = new Set(['compare', 'manage', 'releases', 'diff', 'history']);

export const releaseLabelSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+_-]*$/, 'may contain letters, digits, dots, hyphens, underscores and plus signs')
  .refine((label) => !reservedLabels.has(label.toLowerCase()), 'is a reserved word; choose another label');

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-05-31')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real date');

/** A calendar date (`YYYY-MM-DD`) that is not in the future; "today" is read at validation time, not at start-up. */
export function asOfDateSchema(today?: Date) {
  return isoDate.refine(
    (value) => value <= (today ?? new Date()).toISOString().slice(0, 10),
    'is in the future; the matrix can only be shown as it stood on a past date or today',
  );
}

function commaList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .optional()
    .transform((raw) => (raw ?? '').split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).max(50, 'at most 50 entries'));
}

const versionRefSchema = z
  .string()
  .regex(/^[^@]+@[^@]+$/, 'each entry must look like mesh@release, for example istio@1.3')
  .transform((ref) => {
    const { mesh, label } = parseReleaseKey(ref);
    return { mesh, label: label! };
  })
  .pipe(z.object({ mesh: slugSchema, label: releaseLabelSchema }));

/** `GET /api/v1/matrix?meshes=istio,linkerd&versions=istio@1.3` */
export const matrixQuerySchema = z
  .object({
    meshes: commaList(slugSchema),
    versions: commaList(versionRefSchema),
    at: z.preprocess(blankToNull, asOfDateSchema().optional()),
  })
  .strict();

export type FieldErrors = Record<string, string[]>;

/**
 * zod issues as `{field: [messages]}`, each message starting with the field
 * name so it reads on its own. A key the schema does not know is reported
 * under its own name, so a typo or a smuggled field is named, not lumped
 * into "form".
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  const add = (path: PropertyKey[], message: string) => {
    const field = path.length ? path.map(String).join('.') : 'form';
    // Field names come from the request: `constructor` or `__proto__` must become a key, not find Object.prototype's.
    if (!Object.hasOwn(result, field)) Object.defineProperty(result, field, { value: [], enumerable: true, writable: true, configurable: true });
    result[field]!.push(`${field} ${message}`);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add([...issue.path, key], 'is not a field this accepts');
    else add(issue.path, issue.message);
  }
  return result;
}

export function summarizeFieldErrors(fieldErrors: FieldErrors): string {
  return Object.values(fieldErrors).flat().join('; ');
}

/** Parses input with a schema or throws a BadRequestError naming every bad field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    throw new BadRequestError(summarizeFieldErrors(fieldErrors), fieldErrors);
  }
  return parsed.data;
}

/**
 * A row id from a URL segment, a form field or a JSON body: a positive whole
 * number, digits accepted as text. Anything else is a 400 naming the field,
 * never a lookup of `NaN`.
 */
export function parseRecordId(raw: unknown, field = 'id'): number {
  const valid = typeof raw === 'number' ? Number.isSafeInteger(raw) && raw > 0 : typeof raw === 'string' && /^\d{1,12}$/.test(raw) && Number(raw) > 0;
  if (!valid) throw new BadRequestError(`${field} must be a positive whole number`, { [field]: [`${field} must be a positive whole number`] });
  return Number(raw);
}

/** parseRecordId as a schema field, for commands that take an id with their other input. */
export const recordIdSchema = z
  .custom<string | number>(
    (raw) => (typeof raw === 'number' ? Number.isSafeInteger(raw) && raw > 0 : typeof raw === 'string' && /^\d{1,12}$/.test(raw) && Number(raw) > 0),
    'must be a positive whole number',
  )
  .transform((raw) => Number(raw));

export const MAX_SOURCES = 5;

export const sourceInputSchema = z
  .object({
    url: z
      .string({ error: 'must be a URL' })
      .trim()
      .min(1, 'is required')
      .superRefine((url, ctx) => {
        const problem = sourceUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    title: z.preprocess(blankToNull, z.string({ error: 'must be text' }).trim().max(200, 'must be at most 200 characters').nullish()),
  })
  .strict();

/**
 * One proposed value for one cell. Shared by the propose form, its server
 * action and `POST /api/v1/proposals`; rules that need the database (current
 * value, row kind, limits) live in lib/server/proposals/proposals.ts.
 */
export const proposeCellChangeSchema = z
  .object({
    mesh: slugSchema,
    version: releaseLabelSchema,
    feature: slugSchema,
    support: z.preprocess(blankToNull, z.enum(supportLevels, { error: 'must be one of yes, partial, no or unknown' }).nullish()),
    text: z.preprocess(blankToNull, z.string({ error: 'must be text' }).trim().max(500, 'must be at most 500 characters').nullish()),
    note: z.preprocess(blankToNull, z.string({ error: 'must be text' }).trim().max(1000, 'must be at most 1,000 characters').nullish()),
    sources: z
      .array(sourceInputSchema, { error: 'must be a list of sources' })
      .min(1, 'need at least one source: a link that supports the value')
      .max(MAX_SOURCES, `can be at most ${MAX_SOURCES}`),
    rationale: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required: say why the cell should change')
      .max(2000, 'must be at most 2,000 characters'),
    affiliated: z.boolean({ error: 'must be true or false' }).default(false),
    baseRevisionId: z.preprocess(blankToNull, z.number({ error: 'must be a revision id' }).int('must be a revision id').positive('must be a revision id').nullish()),
  })
  .strict();

/** Reads the propose form: five optional source rows, blank rows dropped (so error indexes match what is shown back). */
export function proposalInputFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const sources: { url: string; title: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const url = text(`sources.${i}.url`) ?? '';
    const title = text(`sources.${i}.title`) ?? '';
    if (url.trim() || title.trim()) sources.push({ url, title });
  }
  const base = text('baseRevisionId');
  return {
    mesh: text('mesh'),
    version: text('version'),
    feature: text('feature'),
    support: text('support'),
    text: text('text'),
    note: text('note'),
    sources,
    rationale: text('rationale'),
    affiliated: form.get('affiliated') === 'on',
    baseRevisionId: base ? (/^\d+$/.test(base) ? Number(base) : base) : null,
  };
}

/** `GET /api/v1/proposals?mine=1&status=pending` */
export const listProposalsQuerySchema = z
  .object({
    mine: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
    status: z.enum(proposalStatuses, { error: 'must be one of pending, approved, rejected or withdrawn' }).optional(),
  })
  .strict();


/** Common reasons moderators pick from; free text is always allowed too. */
export const rejectReasons = [
  'No source supports this',
  'The source does not say this',
  'Duplicate of another proposal',
  'Out of scope for this row',
  'Outdated: the cell changed since',
] as const;

const reviewComment = z.preprocess(blankToNull, z.string({ error: 'must be text' }).trim().max(1000, 'must be at most 1,000 characters').nullish());

export const reviewDecisionSchemas = {
  approve: z
    .object({
      comment: reviewComment,
      overConflict: z.boolean({ error: 'must be true or false' }).default(false),
    })
    .strict(),
  reject: z
    .object({
      reason: z
        .string({ error: 'is required: tell the author why' })
        .trim()
        .min(3, 'is required: tell the author why')
        .max(1000, 'must be at most 1,000 characters'),
    })
    .strict(),
  revert: z
    .object({
      revisionId: z.number({ error: 'must be the id of an earlier revision' }).int('must be the id of an earlier revision').positive('must be the id of an earlier revision'),
      reason: z
        .string({ error: 'is required: say why the cell goes back' })
        .trim()
        .min(3, 'is required: say why the cell goes back')
        .max(1000, 'must be at most 1,000 characters'),
    })
    .strict(),
};


const optionalHttpUrl = z.preprocess(
  blankToNull,
  z
    .string({ error: 'must be a URL' })
    .trim()
    .superRefine((url, ctx) => {
      const problem = sourceUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .nullish(),
);

export const addReleaseSchema = z
  .object({
    label: releaseLabelSchema,
    releasedOn: z.preprocess(blankToNull, isoDate.nullish()),
    releaseNotesUrl: optionalHttpUrl,
  })
  .strict();

export const updateReleaseSchema = z
  .object({
    releasedOn: z.preprocess(blankToNull, isoDate.nullish()),
    releaseNotesUrl: optionalHttpUrl,
  })
  .strict();

export const setMeshStatusSchema = z
  .object({
    status: z.enum(['active', 'archived'], { error: 'must be active or archived' }),
    reason: z.string({ error: 'is required' }).trim().min(3, 'is required: say why').max(500, 'must be at most 500 characters'),
    sourceUrl: z
      .string({ error: 'is required: a link where the change can be checked' })
      .trim()
      .min(1, 'is required: a link where the change can be checked')
      .superRefine((url, ctx) => {
        const problem = sourceUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .strict();


/** `/?at=2021-06-01&need=mtls,circuit-breaking&partial=1&q=retry`, the shareable matrix view. */
export function matrixViewQuerySchema(today?: Date) {
  return z.object({
    at: z.preprocess(blankToNull, asOfDateSchema(today).nullish()),
    need: commaList(slugSchema),
    partial: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
    q: z.preprocess(blankToNull, z.string().trim().max(100, 'must be at most 100 characters').nullish()),
    columns: z.preprocess(blankToNull, z.coerce.number({ error: 'must be a page number' }).int('must be a whole page number').min(1, 'must be 1 or more').max(999, 'must be at most 999').nullish()),
    sparse: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
  });
}

export type MatrixViewQuery = z.infer<ReturnType<typeof matrixViewQuerySchema>>;

/** `/compare?meshes=istio@1.9,linkerd,cilium&differ=1`: two to six meshes, each optionally at a release. */
export const compareQuerySchema = z.object({
  meshes: z
    .string({ error: 'is required: name two to six meshes, for example istio,linkerd' })
    .transform((raw) => raw.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[a-z0-9-]+(@[A-Za-z0-9.+_-]+)?$/, 'each entry must be a mesh slug, optionally with @release, for example istio@1.9')
            .transform((ref) => {
              return parseReleaseKey(ref);
            }),
        )
        .min(2, 'must name at least two meshes')
        .max(6, 'can name at most six meshes'),
    ),
  differ: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
});

export const csvQuerySchema = z.object({ meshes: commaList(slugSchema) }).strict();

/** `/needs-checking?mesh=istio`: one mesh's list; blank (the filter form's "all meshes") means every mesh. */
export const needsCheckingQuerySchema = z.object({ mesh: z.preprocess(blankToNull, slugSchema.nullish()) });

/** `/api/v1/stats` takes no parameters; any given is refused by name like elsewhere in the API. */
export const statsQuerySchema = z.object({}).strict();

export const releaseDiffQuerySchema = z
  .object({
    from: z.preprocess(blankToNull, releaseLabelSchema.nullish()),
    to: z.preprocess(blankToNull, releaseLabelSchema.nullish()),
  })
  .strict();

const userIdSchema = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : value),
  z.number({ error: 'must be the numeric id of a user' }).int('must be the numeric id of a user').positive('must be the numeric id of a user').max(Number.MAX_SAFE_INTEGER, 'must be the numeric id of a user'),
);

/** Why an admin changed someone's role or ban: shown in the audit log (and, for a ban, on the user's record). */
const userChangeReason = z
  .string({ error: 'is required: say why' })
  .trim()
  .min(1, { error: 'is required: say why', abort: true })
  .min(3, 'must be at least 3 characters')
  .max(500, 'must be at most 500 characters');

export const changeUserRoleSchema = z
  .object({
    userId: userIdSchema,
    role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }),
    reason: userChangeReason,
  })
  .strict();

export const banUserSchema = z.object({ userId: userIdSchema, reason: userChangeReason }).strict();

export const unbanUserSchema = banUserSchema;

/** `/admin/users?q=ali&page=2` */
export const listUsersQuerySchema = z.object({
  q: z.preprocess(blankToNull, z.string({ error: 'must be text' }).trim().max(100, 'must be at most 100 characters').nullish()),
  page: z.preprocess(
    (value) => (value === undefined || value === '' ? 1 : typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value),
    z.number({ error: 'must be a page number' }).int('must be a page number').min(1, 'must be a page number').max(100_000, 'must be a page number'),
  ),
});

const structureName = (max: number) =>
  z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Blank means "derive it from the name". */
const optionalSlug = z.preprocess(blankToNull, slugSchema.nullish());

const featureDefinition = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'must not be empty: say in one sentence what counts as support')
  .max(500, 'must be at most 500 characters');

export const addCategorySchema = z.object({ name: structureName(80), slug: optionalSlug }).strict();

export const renameCategorySchema = z.object({ name: structureName(80) }).strict();

/** One step up or down among the active siblings (categories, or rows of one category). */
export const reorderSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'must be up or down' }) }).strict();

export const addFeatureSchema = z
  .object({
    category: slugSchema,
    name: structureName(120),
    slug: optionalSlug,
    definition: featureDefinition,
    referenceUrl: optionalHttpUrl,
    kind: z.enum(['support', 'text'], { error: 'must be support or text' }),
  })
  .strict();

export const updateFeatureSchema = z.object({ name: structureName(120), definition: featureDefinition, referenceUrl: optionalHttpUrl }).strict();

export const moveFeatureToCategorySchema = z.object({ category: slugSchema }).strict();

export const addMeshSchema = z
  .object({
    name: structureName(80),
    slug: optionalSlug,
    homepage: optionalHttpUrl,
    repository: optionalHttpUrl,
    description: z.preprocess(blankToNull, z.string({ error: 'must be text' }).trim().max(500, 'must be at most 500 characters').nullish()),
    firstRelease: releaseLabelSchema,
    releasedOn: z.preprocess(blankToNull, isoDate.nullish()),
  })
  .strict();

/** A blank slug keeps the current one; a new slug leaves the old one redirecting. */
export const renameMeshSchema = z.object({ name: structureName(80), slug: optionalSlug }).strict();

export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Pasted text may be larger than a file: a whole page's source pasted for the one table in it. */
export const MAX_PASTE_BYTES = 3 * 1024 * 1024;

/** Why a table file of this many bytes is refused, or null; the CLI and the upload check it before reading the file. */
export function importSizeProblem(bytes: number): string | null {
  return bytes > MAX_IMPORT_BYTES ? `is ${(bytes / 1024 / 1024).toFixed(1)} MB; the importer reads files up to 1 MB` : null;
}

/** Why pasted text of this many bytes is refused, or null. */
export function pasteSizeProblem(bytes: number): string | null {
  return bytes > MAX_PASTE_BYTES ? `is ${(bytes / 1024 / 1024).toFixed(1)} MB; pasted tables can be up to 3 MB` : null;
}

/** The longest mesh or row name an import may carry. */
export const MAX_HEADING = 300;

/** What the admin decided for one name the importer could not place: map it to an existing mesh or row, create it, or skip it. */
export const nameChoiceSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('map'), slug: slugSchema }).strict(),
    z.object({ action: z.literal('create') }).strict(),
    z.object({ action: z.literal('skip') }).strict(),
  ],
  { error: 'must be map (with a slug), create or skip' },
);

export const importChoicesSchema = z
  .object({
    columns: z.record(z.string().max(MAX_HEADING, `names must be at most ${MAX_HEADING} characters`), nameChoiceSchema).optional(),
    rows: z.record(z.string().max(MAX_HEADING, `names must be at most ${MAX_HEADING} characters`), nameChoiceSchema).optional(),
    createUnknown: z.boolean({ error: 'must be true or false' }).optional(),
    skipUnknown: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

const importModeSchema = z.enum(importModes, { error: 'must be publish or review' }).default('publish');

/** `2023-11-29T16:09:22+01:00`: when a version of a table was published, with its offset (or Z). */
export const publishedAtSchema = z
  .string({ error: 'is required: when this version was published (ISO 8601, like 2023-11-29T16:09:22+01:00)' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'must be a date and time like 2023-11-29T16:09:22+01:00')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date and time')
  .refine((value) => Date.parse(value) <= Date.now(), 'is in the future');

const sourceUrlSchema = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .superRefine((url, ctx) => {
      const problem = sourceUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** One dated version of a table in a history replay. */
export const importHistoryVersionSchema = z
  .object({
    file: z.string({ error: 'is required' }).min(1, 'is required').max(500, 'must be at most 500 characters'),
    url: sourceUrlSchema('is required: the permanent URL of this version'),
    committedAt: publishedAtSchema,
    table: z.string({ error: 'is required' }).superRefine((table, ctx) => {
      const problem = importSizeProblem(new TextEncoder().encode(table).length);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  })
  .strict();

/** A series of dated versions of one table, oldest first (`npm run import:history`). */
export const importHistorySchema = z
  .object({
    versions: z
      .array(importHistoryVersionSchema, { error: 'must be a list of versions' })
      .min(1, 'must list at least one version')
      .max(2000, 'must list at most 2000 versions'),
    title: z.preprocess(blankToNull, z.string({ error: 'must be text' }).trim().max(200, 'must be at most 200 characters').nullish()),
    dryRun: z.boolean({ error: 'must be true or false' }).default(false),
    choices: importChoicesSchema.default({}),
  })
  .strict();

/** An import of a comparison table (Markdown or HTML) from /admin/import or `npm run import`. */
export const importTableSchema = z
  .object({
    table: z.string({ error: 'is required: upload a file or paste a table' }).superRefine((table, ctx) => {
      if (!table.trim()) ctx.addIssue({ code: 'custom', message: 'is empty: upload a file or paste a table' });
      const problem = pasteSizeProblem(new TextEncoder().encode(table).length);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    source: z
      .string({ error: 'is required: the URL where the table is published' })
      .trim()
      .min(1, 'is required: the URL where the table is published')
      .superRefine((url, ctx) => {
        const problem = sourceUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    date: z
      .string({ error: 'is required: the date the table was published or last checked' })
      .pipe(isoDate)
      .refine((value) => value <= new Date().toISOString().slice(0, 10), 'is in the future; give the date the table was published or last checked'),
    title: z.preprocess(blankToNull, z.string({ error: 'must be text' }).trim().max(200, 'must be at most 200 characters').nullish()),
    dryRun: z.boolean({ error: 'must be true or false' }).default(false),
    mode: importModeSchema,
    choices: importChoicesSchema.default({}),
  })
  .strict();

/** The status buttons of categories and rows: retire or restore, and nothing else read as either. */
export const structureStatusSchema = z.object({ status: z.enum(['active', 'retired'], { error: 'must be active or retired' }) }).strict();

/**
 * The slug of an existing category, row or mesh as a hidden form field names
 * it. Anything that could not be a slug is refused by field name before the
 * lookup, so no "There is no …" message carries arbitrary input, at any
 * length, into a page or a redirect's query string.
 */
export function parseSlug(raw: string, field: string): string {
  return parseInput(z.object({ [field]: slugSchema }), { [field]: raw })[field]!;
}
