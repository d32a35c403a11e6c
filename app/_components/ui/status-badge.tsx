/** Marks a mesh, category or row that is not active; active ones carry no badge, so the usual case stays quiet. */
export function StatusBadge({ status }: { status: string }) {
  if (status === 'active') return null;
  return (
    <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-950 dark:bg-amber-900 dark:text-amber-50">
      {status}
    </span>
  );
}
