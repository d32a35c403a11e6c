import type { Metadata } from 'next';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { supportWords } from '@/lib/rules/tables/cell-values';
import { ImportForm } from './import-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import a comparison table' };

export default async function ImportPage() {
  await requirePageRole('admin');
  return (
    <div className="max-w-6xl space-y-6">
      <h1 className="text-2xl font-bold">Import a comparison table</h1>
      <p className="max-w-3xl">
        Bring in a table published elsewhere, such as the servicemesh.es comparison or a Wikipedia table. Every imported
        value becomes a revision of its cell that cites the source URL (and any links in the cell), so it shows in the
        cell&apos;s history and in the recent changes, or, if you choose, a proposal for the review queue. Start with a
        dry run: it shows what would change and writes nothing.
      </p>
      <details className="max-w-3xl">
        <summary className="font-medium">How the table is read</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          <li>
            A Markdown pipe table or an HTML &lt;table&gt;; the first one in the file is read. Paste a whole page&apos;s
            source if that is easier: up to 3 MB pasted, 1 MB as a file.
          </li>
          <li>
            One column per mesh, or one row per mesh: a table with the meshes down the side (transposed) is read turned
            round, and the report says which way it was read. Grouped headers (a row of group names above the mesh
            names, a cell spanning several columns) are read down to the names.
          </li>
          <li>
            Names are matched by name, slug, former name or a name other articles use (&ldquo;Linkerd 2&rdquo;,
            &ldquo;maesh&rdquo;, &ldquo;App Mesh&rdquo;), ignoring case and punctuation. A parenthetical (&ldquo;Traefik
            Mesh (formerly Maesh)&rdquo;) and footnote markers (*, †, ¹, [1]) are set aside before matching. An
            explanation nested in a heading cell (a &lt;small&gt;, text after a &lt;br&gt;, a title attribute) is kept
            apart from the name, and offered as the definition of a row you create.
          </li>
          <li>
            Names to settle: a column or row whose name matches nothing exactly is listed with the closest meshes or
            rows. Choose for each one: leave it out, map it to a mesh or row, or create a new one; then dry run again.
            Mapped and created names are remembered, so the next import of a table using them (a later version of it,
            say) places them without asking. The remembered names are listed, and can be forgotten, on each mesh&apos;s
            and row&apos;s structure page.
          </li>
          <li>
            A row named &ldquo;Version&rdquo;, &ldquo;Current version&rdquo; or &ldquo;Release&rdquo; names each
            column&apos;s release, as does a heading such as &ldquo;Istio 1.9&rdquo;; a release that does not exist yet
            is created as a copy of the one before it. Without either, values go to the mesh&apos;s newest release. Rows
            with only a name are category headings.
          </li>
          <li>
            In yes/no rows (case ignored): {supportWords.yes.join(' ')} mean yes; {supportWords.no.join(' ')} mean no;{' '}
            {supportWords.partial.join(', ')} mean partial (so ✅ is yes, ❌ and ➖ are no, ⚠️ and 🟡 are partial).
            Words after them become the note. A cell with no such word is read as partial with its text as the note, and
            the report marks it. Empty cells and n/a (and a lone dash in text rows) are skipped.
          </li>
          <li>
            Footnotes: a marker on a value (&ldquo;no*&rdquo;, &ldquo;yes¹&rdquo;) adds its footnote to the note,
            whether the footnote is a line under a Markdown table, a &lt;tfoot&gt; row or a paragraph after an HTML
            table.
          </li>
          <li>Ragged rows (a different number of cells than the header) stop the import, with their line numbers.</li>
          <li>
            Publish now writes each changed value as an import revision at once. Send to the review queue makes each one
            a proposal by you instead, grouped under the import in the review queue; another moderator approves or
            rejects each one, since nobody decides their own.
          </li>
          <li>
            The report marks a change whose current value was recorded after the table&apos;s date: importing an older
            table would replace newer information. Importing the same table from the same source again changes nothing:
            a cell that already has the value and cites the source is left alone.
          </li>
        </ul>
      </details>
      <ImportForm />
    </div>
  );
}
