import type { Metadata } from 'next';
import { requirePageRole } from '@/lib/auth/page-guards';
import { supportWords } from '@/lib/import/cell-values';
import { ImportForm } from './import-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import a comparison table' };

export default async function ImportPage() {
  await requirePageRole('admin');
  return (
    <div className="max-w-6xl space-y-6">
      <h1 className="text-2xl font-bold">Import a comparison table</h1>
      <p className="max-w-3xl">
        Bring in a table published elsewhere, such as the servicemesh.es comparison or a Wikipedia table. Every imported value
        becomes a revision of its cell that cites the source URL (and any links in the cell), so it shows in the cell&apos;s
        history and in the recent changes. Start with a dry run: it shows what would change and writes nothing.
      </p>
      <details className="max-w-3xl">
        <summary className="font-medium">How the table is read</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          <li>A Markdown pipe table or an HTML &lt;table&gt;; the first one in the file is read.</li>
          <li>
            One column per mesh, named by its name, slug or a former or other name (&ldquo;Linkerd 2&rdquo;, &ldquo;maesh&rdquo;,
            &ldquo;App Mesh&rdquo;). A column that names no known mesh stops the import: add the mesh first or remove the column.
          </li>
          <li>
            A row named &ldquo;Version&rdquo;, &ldquo;Current version&rdquo; or &ldquo;Release&rdquo; names each column&apos;s release,
            as does a heading such as &ldquo;Istio 1.9&rdquo;; a release that does not exist yet is created as a copy of the one before
            it. Without either, values go to the mesh&apos;s newest release.
          </li>
          <li>
            The first column names the row, by name, slug or a name other articles use. Rows that match no row of the matrix are
            listed and skipped; rows with only a name are category headings.
          </li>
          <li>
            In yes/no rows (case ignored): {supportWords.yes.join(' ')} mean yes; {supportWords.no.join(' ')} mean no;{' '}
            {supportWords.partial.join(', ')} mean partial. Words after them become the note. A cell with no such word is read as
            partial with its text as the note, and the report marks it. Empty cells and n/a (and a lone dash in text rows) are
            skipped.
          </li>
          <li>Ragged rows (a different number of cells than the header) stop the import, with their line numbers.</li>
          <li>
            Importing the same table from the same source again changes nothing: a cell that already has the value and cites the
            source is left alone.
          </li>
        </ul>
      </details>
      <ImportForm />
    </div>
  );
}
