import Link from 'next/link';

export function SiteFooter() {
  return (
    <footer className="mt-12 border-t border-slate-200 px-4 py-6 text-sm text-slate-700 dark:border-slate-800 dark:text-slate-300">
      <div className="mx-auto max-w-screen-2xl space-y-1">
        <p>
          Every value cites its sources; the first data set was transcribed from five public articles (
          <Link href="/about" className="underline">
            sources and licences
          </Link>
          ).{' '}
          <Link href="/needs-checking" className="underline">
            Cells that need checking
          </Link>
          : stale or unknown values waiting for a source. How complete and fresh it is:{' '}
          <Link href="/about/data" className="underline">
            data quality
          </Link>
          .
        </p>
        <p>
          Open data: the{' '}
          <a href="/api" className="underline">
            API and its OpenAPI description
          </a>
          , a{' '}
          <a href="/api/v1/dump.json" className="underline">
            full dump
          </a>{' '}
          and{' '}
          <a href="/api/v1/matrix.csv" className="underline">
            the matrix as CSV
          </a>
          , each carrying its licence and attribution.
        </p>
        <p>
          Includes data from{' '}
          <a href="https://servicemesh.es" className="underline">
            servicemesh.es
          </a>{' '}
          by INNOQ, licensed under{' '}
          <a href="https://creativecommons.org/licenses/by/4.0/" className="underline">
            CC BY 4.0
          </a>
          .
        </p>
      </div>
    </footer>
  );
}
