import type { ReactNode } from 'react';

const tones = {
  done: 'bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50',
  problem: 'bg-rose-100 text-rose-950 dark:bg-rose-950 dark:text-rose-50',
  info: 'bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-50',
  warning: 'bg-amber-100 text-amber-950 dark:bg-amber-900/60 dark:text-amber-50',
};

export type NoticeTone = keyof typeof tones;

// A list keeps its bullets inside the box, so it needs room on the left.
const shapes = {
  p: 'px-3 py-2',
  div: 'px-3 py-2',
  ul: 'list-disc py-2 pr-3 pl-8',
};

/**
 * A coloured box of text. `role="alert"` when it is the reason the page looks as it does (a refused
 * query); inside a `StatusRegion` when it reports the outcome of something the visitor just did.
 */
export function Notice({
  tone,
  as: Tag = 'p',
  role,
  className,
  children,
}: {
  tone: NoticeTone;
  as?: keyof typeof shapes;
  role?: 'alert' | 'status';
  className?: string;
  children: ReactNode;
}) {
  const shape = Tag === 'ul' ? `${shapes.ul} rounded` : `rounded ${shapes[Tag]}`;
  return (
    <Tag role={role} className={`${className ? `${className} ` : ''}${shape} ${tones[tone]}`}>
      {children}
    </Tag>
  );
}

/** Rendered even when empty: screen readers announce text added to a live region that already exists, not one that arrives with it. */
export function StatusRegion({ className, children }: { className?: string; children?: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className={className}>
      {children}
    </div>
  );
}

/** The outcome of the last button press or form, carried in the redirect or the action state. */
export function OutcomeNotice({ done, problem }: { done?: string | null; problem?: string | null }) {
  return (
    <StatusRegion>
      {done ? <Notice tone="done">{done}</Notice> : null}
      {problem ? <Notice tone="problem">{problem}</Notice> : null}
    </StatusRegion>
  );
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** The `done` and `problem` messages a button action's redirect carries in the query. */
export function outcomeFromQuery(query: SearchParams): { done: string | null; problem: string | null } {
  return {
    done: typeof query.done === 'string' ? query.done : null,
    problem: typeof query.problem === 'string' ? query.problem : null,
  };
}

/** Why the page's query was refused, each problem naming its parameter (lib/rules/query.ts); nothing when none. */
export function QueryProblems({ problems }: { problems: readonly string[] }) {
  if (!problems.length) return null;
  return (
    <Notice tone="problem" role="alert" as="ul">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </Notice>
  );
}
