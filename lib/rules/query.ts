import { cleanTextInput } from './text-policy';
import { z } from 'zod';
import { BadRequestError } from './errors';
import { addFieldError, setOwn } from './own-keys';
import { fieldErrorsOf, summarizeFieldErrors, type FieldErrors } from './validation';

/** A query string as a route handler has it (URLSearchParams) or as a page has it (Next's `searchParams`). */
export type QueryParams = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

export interface QueryRules {
  /**
   * Parameters documented as lists that an HTML form sends as one key per ticked box (a checkbox group): their repeats
   * are joined like a comma-separated list. Every other parameter may be given once.
   */
  lists?: readonly string[];
  /** Who refuses an unknown parameter, for the message: a page or an API endpoint. */
  accepter?: 'page' | 'endpoint';
}

/** A query as one string per key, and the keys given more than once that may not be. */
interface CollectedQuery {
  record: Record<string, string>;
  repeated: string[];
}

function queryEntries(params: QueryParams): [string, string][] {
  if (params instanceof URLSearchParams) return [...params];
  // Next builds the record on a plain object, so `?constructor=1` arrives as [Object, '1']: only strings were sent.
  return Object.entries(params).flatMap(([key, value]): [string, string][] =>
    [value ?? []].flat().flatMap((one): [string, string][] => (typeof one === 'string' ? [[key, one]] : [])),
  );
}

function collectQuery(params: QueryParams, lists: readonly string[]): CollectedQuery {
  const record: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [key, value] of queryEntries(params)) {
    if (!Object.hasOwn(record, key)) setOwn(record, key, value);
    else if (lists.includes(key)) setOwn(record, key, `${record[key]},${value}`);
    else if (!repeated.includes(key)) repeated.push(key);
  }
  return { record, repeated };
}

/** Whether a parameter of the schema reads a comma-separated list, so the refusal of a repeat can say how to give one. */
function takesCommaList(schema: z.ZodType, key: string): boolean {
  if (!(schema instanceof z.ZodObject)) return false;
  const field = (schema.shape as Record<string, z.ZodType>)[key];
  return field instanceof z.ZodPipe && field.out instanceof z.ZodArray;
}

function repeatMessage(schema: z.ZodType, key: string): string {
  return takesCommaList(schema, key)
    ? `${key} is given more than once; give it once, as a comma-separated list`
    : `${key} is given more than once; give it once`;
}

/**
 * A query read: its parsed value, or every problem with it (as messages, and per parameter); `given` is the query as
 * sent, one string per key, for a form to show back.
 */
export type QueryReading<T> = { given: Record<string, string>; fieldErrors: FieldErrors } & (
  { ok: true; data: T; problems: [] } | { ok: false; data: null; problems: string[] }
);

/**
 * Reads a query with its schema: every problem at once, each named by its parameter (a key given more than once, a
 * key the schema does not know, a value it refuses). For a page, which shows the problems beside what it can show.
 */
export function readQuery<T extends z.ZodType>(
  schema: T,
  params: QueryParams,
  rules: QueryRules = {},
): QueryReading<z.output<T>> {
  const { record, repeated } = collectQuery(params, rules.lists ?? []);
  const fieldErrors: FieldErrors = {};
  for (const key of repeated) addFieldError(fieldErrors, key, repeatMessage(schema, key));
  // The text policy first (lib/rules/text-policy.ts): a refused character is named, and the rest is read as cleaned.
  let cleaned: unknown = record;
  try {
    cleaned = cleanTextInput(record);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    for (const [key, messages] of Object.entries(error.fieldErrors))
      for (const message of messages) addFieldError(fieldErrors, key, message);
    return { ok: false, data: null, problems: Object.values(fieldErrors).flat(), fieldErrors, given: record };
  }
  const parsed = schema.safeParse(cleaned);
  if (parsed.success && !repeated.length)
    return { ok: true, data: parsed.data, problems: [], fieldErrors, given: record };
  if (!parsed.success) {
    const accepter = rules.accepter ?? 'page';
    const unknownKeys = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].map(String).join('.')) : [],
    );
    for (const key of unknownKeys)
      if (!repeated.includes(key))
        addFieldError(fieldErrors, key, `${key} is not a parameter this ${accepter} accepts`);
    const valueIssues = parsed.error.issues.filter((issue) => issue.code !== 'unrecognized_keys');
    // A repeated key is named once, for the repeat: its first value's own problems would only confuse.
    for (const [key, messages] of Object.entries(fieldErrorsOf(new z.ZodError(valueIssues))))
      if (!repeated.includes(key.split('.')[0]!))
        for (const message of messages) addFieldError(fieldErrors, key, message);
  }
  return { ok: false, data: null, problems: Object.values(fieldErrors).flat(), fieldErrors, given: record };
}

/** readQuery for a route handler: the parsed query, or a BadRequestError (a 400) naming every problem. */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  params: QueryParams,
  rules: QueryRules = { accepter: 'endpoint' },
): z.output<T> {
  const reading = readQuery(schema, params, rules);
  if (!reading.ok) throw new BadRequestError(summarizeFieldErrors(reading.fieldErrors), reading.fieldErrors);
  return reading.data;
}
