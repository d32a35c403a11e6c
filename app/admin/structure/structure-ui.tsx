import Link from 'next/link';
import type { ReactNode } from 'react';

export type SearchParams = Record<string, string | string[] | undefined>;

export const link = 'text-blue-700 underline dark:text-blue-300';

/** The outcome of the last button press or form, carried in the redirect. */
export function Notice({ query }: { query: SearchParams }) {
  const done = typeof query.done === 'string' ? query.done : null;
  const problem = typeof query.problem === 'string' ? query.problem : null;
  return (
    <div role="status" aria-live="polite">
      {done ? <p className="rounded bg-emerald-100 px-3 py-2 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50">{done}</p> : null}
      {problem ? <p className="rounded bg-rose-100 px-3 py-2 text-rose-950 dark:bg-rose-950 dark:text-rose-50">{problem}</p> : null}
    </div>
  );
}

export function Breadcrumb({ trail }: { trail: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap gap-1">
        {trail.map((item) => (
          <li key={item.label} aria-current={item.href ? undefined : 'page'}>
            {item.href ? (
              <>
                <Link href={item.href} className={link}>
                  {item.label}
                </Link>{' '}
                <span aria-hidden="true">/</span>
              </>
            ) : (
              item.label
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

const tones = {
  plain: 'border border-slate-400 hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800',
  warn: 'bg-amber-700 text-white hover:bg-amber-800',
};

/** One button in its own form: works without JavaScript. `name` completes the visible label for screen readers. */
export function ButtonForm({
  action,
  hidden,
  label,
  name,
  tone = 'plain',
  children,
}: {
  action: (form: FormData) => Promise<void>;
  hidden: Record<string, string>;
  label: string;
  name: string;
  tone?: keyof typeof tones;
  children?: ReactNode;
}) {
  return (
    <form action={action} className="inline-flex flex-wrap items-end gap-2">
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      {children}
      <button type="submit" className={`rounded px-2.5 py-1 text-sm ${tones[tone]}`}>
        {label}
        <span className="sr-only"> {name}</span>
      </button>
    </form>
  );
}

export function StatusBadge({ status }: { status: string }) {
  if (status === 'active') return null;
  return <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-950 dark:bg-amber-900 dark:text-amber-50">{status}</span>;
}
