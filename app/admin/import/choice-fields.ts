/**
 * The admin's choices for names the importer could not place, as form
 * fields: `choice-kind-N` (column or row), `choice-heading-N` (the heading as
 * the report gives it) and `choice-value-N` (`create` or `map:<slug>`;
 * empty leaves the name out). Shared by the form, which writes
 * them, and the action, which reads them back.
 */
import type { NameChoice } from '@/lib/rules/tables/map-table';
import { type FieldErrors } from '@/lib/rules/validation';
import { MAX_HEADING } from '@/lib/server/import/schemas';

export type ChoiceKind = 'column' | 'row';

export interface ChoiceField {
  kind: ChoiceKind;
  heading: string;
  value: string;
}

const MAX_CHOICES = 2000;
const FIELD = /^choice-(kind|heading|value)-(\d{1,4})$/;

export const choiceKey = (kind: ChoiceKind, heading: string) => `${kind}\u0000${heading}`;

/** Reads the choice fields of a submitted form; anything malformed is a field error naming the field. */
export function readChoiceFields(form: FormData): { choices: ChoiceField[]; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  const fail = (field: string, message: string) => {
    // Field names come from the request: a name like `__proto__` must become a key, not reach Object.prototype.
    if (!Object.hasOwn(fieldErrors, field))
      Object.defineProperty(fieldErrors, field, { value: [], enumerable: true, writable: true, configurable: true });
    fieldErrors[field]!.push(`${field} ${message}`);
  };
  const indexes = new Set<string>();
  for (const name of new Set(form.keys())) {
    if (!name.startsWith('choice-')) continue;
    const match = FIELD.exec(name);
    if (!match) fail(name, 'is not a field this accepts');
    else indexes.add(match[2]!);
  }
  if (indexes.size > MAX_CHOICES) {
    fail('choices', `must be at most ${MAX_CHOICES}`);
    return { choices: [], fieldErrors };
  }
  const choices: ChoiceField[] = [];
  const seen = new Set<string>();
  for (const n of [...indexes].sort((a, b) => Number(a) - Number(b))) {
    const text = (part: string) => {
      const values = form.getAll(`choice-${part}-${n}`);
      if (values.length > 1) fail(`choice-${part}-${n}`, 'is given more than once');
      return typeof values[0] === 'string' ? values[0] : undefined;
    };
    const kind = text('kind');
    const heading = text('heading');
    const value = text('value');
    if (kind !== 'column' && kind !== 'row') fail(`choice-kind-${n}`, 'must be column or row');
    if (heading === undefined || !heading.trim())
      fail(`choice-heading-${n}`, 'is required: the heading of the column or row');
    else if (heading.length > MAX_HEADING) fail(`choice-heading-${n}`, `must be at most ${MAX_HEADING} characters`);
    if (value === undefined || !(value === '' || value === 'create' || /^map:./s.test(value))) {
      fail(`choice-value-${n}`, 'must be empty (leave out), create or map:<slug>');
    }
    if (kind !== 'column' && kind !== 'row') continue;
    if (heading === undefined || value === undefined) continue;
    const key = choiceKey(kind, heading);
    if (seen.has(key)) fail(`choice-heading-${n}`, `names the ${kind} “${heading.slice(0, 60)}” a second time`);
    seen.add(key);
    if (value) choices.push({ kind, heading, value });
  }
  return { choices: Object.keys(fieldErrors).length ? [] : choices, fieldErrors };
}

function nameChoice(value: string): NameChoice {
  if (value === 'create') return { action: 'create' };
  return { action: 'map', slug: value.slice('map:'.length) };
}

/** The choices as the importer takes them, keyed by heading. */
export function importChoicesOf(choices: ChoiceField[]): {
  columns: Record<string, NameChoice>;
  rows: Record<string, NameChoice>;
} {
  // fromEntries defines own properties, so a heading such as "__proto__" stays a key.
  const of = (kind: ChoiceKind) =>
    Object.fromEntries(choices.filter((c) => c.kind === kind).map((c) => [c.heading, nameChoice(c.value)]));
  return { columns: of('column'), rows: of('row') };
}
