import type { ImportTargets } from '@/lib/server/import/aliases';
import type { ColumnReport, ImportReport, RowReport } from '@/lib/rules/tables/report';
import { choiceKey, type ChoiceField, type ChoiceKind } from './choice-fields';
import { placementText, Section } from './import-report';

const select = 'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

interface Name {
  kind: ChoiceKind;
  report: ColumnReport | RowReport;
}

/** The names the admin can decide: every one not placed, and every one placed by an earlier choice (so it can be changed). */
export function namesToSettle(report: ImportReport, choices: ChoiceField[]): Name[] {
  const chosen = new Set(choices.map((c) => choiceKey(c.kind, c.heading)));
  const seen = new Set<string>();
  const names: Name[] = [];
  const add = (kind: ChoiceKind, name: ColumnReport | RowReport, placed: boolean) => {
    const key = choiceKey(kind, name.heading);
    // A row without a name cannot be chosen for; one heading used twice takes one choice.
    if (!name.heading || seen.has(key) || (placed && !chosen.has(key))) return;
    seen.add(key);
    names.push({ kind, report: name });
  };
  for (const c of report.columns) add('column', c, c.mesh !== null);
  for (const r of report.rows) add('row', r, r.row !== null);
  return names;
}

/**
 * One select per name the importer could not place: leave it out, create it,
 * or map it to a mesh or row (the closest first). Sends the previewed table
 * again with the choices, so the next dry run shows their effect.
 */
export function NamesToSettle({
  names,
  choices,
  targets,
  action,
  pending,
  previewed,
}: {
  names: Name[];
  choices: ChoiceField[];
  targets: ImportTargets;
  action: (form: FormData) => void;
  pending: boolean;
  previewed: { table: string; source: string; date: string; title: string; mode: string };
}) {
  const current = new Map(choices.map((c) => [choiceKey(c.kind, c.heading), c.value]));
  return (
    <Section id="names-to-settle" title="Names to settle">
      <p className="max-w-3xl text-sm">
        These names match no mesh or row exactly. Choose what each one is, then dry run again to see the effect. A name
        you map or create is remembered, so the next import of a table using it places it without asking. A name left
        out is not imported.
      </p>
      <form action={action} className="max-w-3xl space-y-4">
        <input type="hidden" name="intent" value="dry-run" />
        {Object.entries(previewed).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <ul className="space-y-4">
          {names.map(({ kind, report: name }, i) => {
            const id = `settle-${i}`;
            const isColumn = kind === 'column';
            const suggested = new Set(name.suggestions.map((s) => s.slug));
            const all = isColumn ? targets.meshes : targets.rows;
            const category = 'category' in name ? name.category : null;
            const explanation = 'explanation' in name ? name.explanation : null;
            return (
              <li key={id} className="rounded border border-slate-300 p-3 dark:border-slate-700">
                <input type="hidden" name={`choice-kind-${i}`} value={kind} />
                <input type="hidden" name={`choice-heading-${i}`} value={name.heading} />
                <label htmlFor={id} className="block font-medium">
                  {isColumn ? 'Column' : 'Row'} “{name.heading}”
                </label>
                <p id={`${id}-about`} className="text-sm">
                  {isColumn ? `Column ${(name as ColumnReport).column}, line ${name.line}` : `Line ${name.line}`}
                  {explanation ? `; the table explains it as “${explanation}”` : ''}. Now: {placementText(name, false)}
                  {'rowName' in name && name.rowName ? ` (${name.rowName})` : ''}
                  {'meshName' in name && name.meshName ? ` (${name.meshName})` : ''}.
                </p>
                <select
                  id={id}
                  name={`choice-value-${i}`}
                  defaultValue={current.get(choiceKey(kind, name.heading)) ?? ''}
                  aria-describedby={`${id}-about`}
                  className={select}
                >
                  <option value="">Leave out</option>
                  <option value="create">
                    {isColumn
                      ? `Create a new mesh “${name.heading}”`
                      : `Create a new row “${name.heading}”${category ? ` in ${category}` : ''}`}
                  </option>
                  {name.suggestions.length ? (
                    <optgroup label="Suggested">
                      {name.suggestions.map((s) => (
                        <option key={s.slug} value={`map:${s.slug}`}>
                          {s.name}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                  <optgroup label={isColumn ? 'All meshes' : 'All rows'}>
                    {all
                      .filter((t) => !suggested.has(t.slug))
                      .map((t) => (
                        <option key={t.slug} value={`map:${t.slug}`}>
                          {'category' in t ? `${t.name} (${t.category})` : t.name}
                        </option>
                      ))}
                  </optgroup>
                </select>
              </li>
            );
          })}
        </ul>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          Dry run again with these choices
        </button>
      </form>
    </Section>
  );
}
