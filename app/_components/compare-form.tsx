/** Submits the mesh columns ticked in the matrix header (their checkboxes point at this form by id). */
export function CompareForm({ id }: { id: string }) {
  return (
    <form id={id} method="get" action="/compare" className="flex flex-wrap items-center gap-2 text-sm">
      <button
        type="submit"
        className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        Compare ticked meshes side by side
      </button>
      <span className="text-slate-700 dark:text-slate-300">Tick two to six columns.</span>
    </form>
  );
}
