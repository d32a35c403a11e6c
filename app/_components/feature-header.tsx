import type { FeatureView } from '@/lib/matrix';

/** A row name whose definition opens in place, without client JavaScript. */
export function FeatureHeader({ feature }: { feature: FeatureView }) {
  return (
    <details className="max-w-56">
      <summary className="font-medium">{feature.name}</summary>
      <p className="mt-1 text-xs font-normal text-slate-700 dark:text-slate-300">
        {feature.definition}
        {feature.referenceUrl ? (
          <>
            {' '}
            <a href={feature.referenceUrl} className="text-blue-700 underline dark:text-blue-300">
              Reference
            </a>
          </>
        ) : null}
      </p>
    </details>
  );
}
