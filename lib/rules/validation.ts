import { z } from 'zod';
import { BadRequestError } from './errors';
import { sourceUrlProblem } from './sources';
import { cleanTextInput } from './text-policy';
import { addFieldError } from './own-keys';

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

export const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-05-31')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'is not a real date',
  );

/** A calendar date (`YYYY-MM-DD`) that is not in the future; "today" is read at validation time, not at start-up. */
export function asOfDateSchema(today?: Date) {
  return isoDate.refine(
    (value) => value <= (today ?? new Date()).toISOString().slice(0, 10),
    'is in the future; the matrix can only be shown as it stood on a past date or today',
  );
}

/** A required comma-separated list in one parameter, as its trimmed, non-empty parts (`required` says what to send). */
export function commaSeparated(required: string) {
  return z.string({ error: required }).transform((raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

export function commaList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .optional()
    .transform((raw) =>
      (raw ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50, 'at most 50 entries'));
}

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
    addFieldError(result, field, `${field} ${message}`);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) add([...issue.path, key], 'is not a field this accepts');
    else add(issue.path, issue.message);
  }
  return result;
}

export function summarizeFieldErrors(fieldErrors: FieldErrors): string {
  return Object.values(fieldErrors).flat().join('; ');
}

/**
 * Parses input with a schema or throws a BadRequestError naming every bad field. Every string in it first meets the
 * text policy (lib/rules/text-policy.ts): refused by field, or stripped for text a person did not type.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  text: 'refuse' | 'strip' = 'refuse',
): z.output<T> {
  const parsed = schema.safeParse(cleanTextInput(input, text));
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
export const recordIdSchema = z
  .custom<string | number>(
    (raw) =>
      typeof raw === 'number'
        ? Number.isSafeInteger(raw) && raw > 0
        : typeof raw === 'string' && /^\d{1,12}$/.test(raw) && Number(raw) > 0,
    'must be a positive whole number',
  )
  .transform((raw) => Number(raw));

/** recordIdSchema on its own, for an id that arrives without other input. */
export function parseRecordId(raw: unknown, field = 'id'): number {
  return parseInput(z.object({ [field]: recordIdSchema }), { [field]: raw })[field]!;
}

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
    title: z.preprocess(
      blankToNull,
      z.string({ error: 'must be text' }).trim().max(200, 'must be at most 200 characters').nullish(),
    ),
  })
  .strict();

export const optionalHttpUrl = z.preprocess(
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

/**
 * The slug of an existing category, row or mesh as a hidden form field names
 * it. Anything that could not be a slug is refused by field name before the
 * lookup, so no "There is no …" message carries arbitrary input, at any
 * length, into a page or a redirect's query string.
 */
export function parseSlug(raw: string, field: string): string {
  return parseInput(z.object({ [field]: slugSchema }), { [field]: raw })[field]!;
}
