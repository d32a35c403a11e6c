import { z } from 'zod';
import { importModes } from '@/db/schema';
import { sourceUrlProblem } from '../../rules/sources';
import { blankToNull, isoDate, slugSchema } from '../../rules/validation';

export const MAX_IMPORT_BYTES = 1024 * 1024;

/** Pasted text may be larger than a file: a whole page's source pasted for the one table in it. */
export const MAX_PASTE_BYTES = 3 * 1024 * 1024;

/** Why a table file of this many bytes is refused, or null; the CLI and the upload check it before reading the file. */
export function importSizeProblem(bytes: number): string | null {
  return bytes > MAX_IMPORT_BYTES
    ? `is ${(bytes / 1024 / 1024).toFixed(1)} MB; the importer reads files up to 1 MB`
    : null;
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
    columns: z
      .record(z.string().max(MAX_HEADING, `names must be at most ${MAX_HEADING} characters`), nameChoiceSchema)
      .optional(),
    rows: z
      .record(z.string().max(MAX_HEADING, `names must be at most ${MAX_HEADING} characters`), nameChoiceSchema)
      .optional(),
    createUnknown: z.boolean({ error: 'must be true or false' }).optional(),
    skipUnknown: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

const importModeSchema = z.enum(importModes, { error: 'must be publish or review' }).default('publish');

/** `2023-11-29T16:09:22+01:00`: when a version of a table was published, with its offset (or Z). */
export const publishedAtSchema = z
  .string({ error: 'is required: when this version was published (ISO 8601, like 2023-11-29T16:09:22+01:00)' })
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be a date and time like 2023-11-29T16:09:22+01:00',
  )
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
    title: z.preprocess(
      blankToNull,
      z.string({ error: 'must be text' }).trim().max(200, 'must be at most 200 characters').nullish(),
    ),
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
      .refine(
        (value) => value <= new Date().toISOString().slice(0, 10),
        'is in the future; give the date the table was published or last checked',
      ),
    title: z.preprocess(
      blankToNull,
      z.string({ error: 'must be text' }).trim().max(200, 'must be at most 200 characters').nullish(),
    ),
    dryRun: z.boolean({ error: 'must be true or false' }).default(false),
    mode: importModeSchema,
    choices: importChoicesSchema.default({}),
  })
  .strict();
