import type { CategoryView } from '@/lib/server/matrix/matrix';
import { escapeHtml } from '@/lib/rules/escape-html';
import { HtmlOnce } from './html-once';

interface Props {
  categories: CategoryView[];
  values?: { at?: string | null; needs?: string[]; partial?: boolean; q?: string | null };
}

const field = 'mt-1 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

/**
 * A checkbox per support row, by category: the bulk of the form, so it is markup sent once (html-once.tsx) rather
 * than a React tree that would travel again in the page's payload.
 */
function needCheckboxesHtml(categories: CategoryView[], needs: Set<string>): string {
  return categories
    .map((category) => {
      const rows = category.features.filter((f) => f.kind === 'support');
      if (!rows.length) return '';
      const boxes = rows
        .map(
          (feature) =>
            `<label class="flex items-center gap-2 text-sm"><input type="checkbox" name="need" value="${escapeHtml(feature.slug)}"${needs.has(feature.slug) ? ' checked' : ''}>${escapeHtml(feature.name)}</label>`,
        )
        .join('');
      return `<fieldset><legend class="text-xs font-bold uppercase">${escapeHtml(category.name)}</legend>${boxes}</fieldset>`;
    })
    .join('');
}

/**
 * Filters and date for the matrix as one GET form, so every view is a URL
 * that can be shared and works without client JavaScript.
 */
export function MatrixControls({ categories, values = {} }: Props) {
  const needs = new Set(values.needs ?? []);
  return (
    <form
      method="get"
      action="/"
      className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-800"
      aria-label="Filter the matrix"
    >
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="matrix-q" className="block text-sm font-medium">
            Find rows
          </label>
          <input
            id="matrix-q"
            name="q"
            defaultValue={values.q ?? ''}
            placeholder="for example retry"
            className={field}
          />
        </div>
        <div>
          <label htmlFor="matrix-at" className="block text-sm font-medium">
            As it stood on
          </label>
          <input id="matrix-at" name="at" type="date" defaultValue={values.at ?? ''} className={field} />
        </div>
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Apply
        </button>
      </div>
      <details open={needs.size > 0}>
        <summary className="text-sm font-medium">Only meshes that support… ({needs.size} chosen)</summary>
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input type="checkbox" name="partial" value="1" defaultChecked={values.partial} />
          Count partial support
        </label>
        <HtmlOnce
          className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
          html={needCheckboxesHtml(categories, needs)}
        />
      </details>
    </form>
  );
}
