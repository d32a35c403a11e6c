'use client';

import { ErrorNotice } from './_components/error-notice';
import './globals.css';

/** Replaces the root layout when the layout itself fails, so it brings its own document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <main id="main" className="mx-auto max-w-screen-2xl px-4 py-6">
          <ErrorNotice error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
