import { errorReference } from '@/lib/rules/errors';
import { TextAnchor } from '@/app/_components/ui/text-link';

/** What a visitor sees when something failed on our side: no details, a reference to quote, ways on. */
export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  const reference = errorReference(error);
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12" role="alert" aria-labelledby="error-heading">
      <title>Something went wrong · Mesh Matrix</title>
      <h1 id="error-heading" className="text-2xl font-bold">
        Something went wrong on our side
      </h1>
      <p>
        This page could not be shown because of an error in the server, not because of anything you did. Try again in a
        moment.
      </p>
      {reference ? (
        <p>
          If it keeps happening, tell us this reference so we can find what went wrong:{' '}
          <span className="font-semibold">Reference: </span>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">{reference}</code>
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        {retry ? (
          <button
            type="button"
            onClick={() => retry()}
            className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
          >
            Try again
          </button>
        ) : null}
        <TextAnchor href="/">Back to the comparison matrix</TextAnchor>
      </div>
    </div>
  );
}
