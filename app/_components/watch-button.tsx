import { watchTargetAction } from '@/app/watchlist/actions';

/**
 * A Follow button: a plain form posting to a server action, so it works without JavaScript. It is the same for every
 * viewer (the pages it sits on are cached for everyone); pressing it when already following changes nothing, and
 * /watchlist, where it lands, lists what one follows with Unfollow buttons.
 */
export function WatchButton({
  target,
  label,
  name,
}: {
  /** `{mesh}`, `{feature}` or `{mesh, version, feature}`, as `POST /api/v1/watches` takes them. */
  target: { mesh?: string; version?: string; feature?: string };
  /** The visible words: "Follow this cell". */
  label: string;
  /** What it follows, for screen readers: "mTLS in Istio 1.24". */
  name: string;
}) {
  return (
    <form action={watchTargetAction} className="inline-flex">
      {Object.entries(target).map(([key, value]) =>
        value === undefined ? null : <input key={key} type="hidden" name={key} value={value} />,
      )}
      <button
        type="submit"
        aria-label={`${label}: ${name}`}
        className="rounded border border-slate-400 px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true">☆ </span>
        {label}
      </button>
    </form>
  );
}
