import type { ReactNode } from 'react';

const tones = {
  plain: 'border border-slate-400 hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800',
  warn: 'bg-amber-700 text-white hover:bg-amber-800',
};

/**
 * One button in its own form posting to a server action: works without JavaScript.
 * `name` completes the visible label for screen readers, so a list of "Retire" buttons stays tellable apart.
 */
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
