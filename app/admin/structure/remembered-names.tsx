import { formatDate } from '@/lib/rules/format';
import type { RememberedName } from '@/lib/server/import/aliases';
import { forgetImportAliasAction } from './actions';
import { ButtonForm } from '@/app/_components/ui/button-form';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';

/** Names table imports map onto this mesh or row without asking, each with a button to forget it. */
export function RememberedNames({ names, subject, back }: { names: RememberedName[]; subject: string; back: string }) {
  return (
    <section aria-labelledby="remembered-heading" className="space-y-3">
      <h2 id="remembered-heading" className="text-xl font-semibold">
        Names imports remember
      </h2>
      <p className="text-sm">
        When an import maps a name to {subject}, or creates it from one, the name is remembered: the next table using it
        is placed without asking. Forget a name that was mapped by mistake; the next{' '}
        <TextAnchor href="/admin/import">import</TextAnchor> that uses it asks again.
      </p>
      {names.length ? (
        <div className="overflow-x-auto">
          <DataTable
            caption={`Names imports remember for ${subject}`}
            columns={[
              'Name',
              'Remembered by',
              'When',
              <span key="action" className="sr-only">
                Action
              </span>,
            ]}
            columnClassName="text-left"
          >
            {names.map((alias) => (
              <tr key={alias.id}>
                <RowHeader className="font-normal align-top">{alias.name}</RowHeader>
                <Cell className="align-top">{alias.createdByName ?? 'the seed data or the command line'}</Cell>
                <Cell className="align-top">{formatDate(alias.createdAt)}</Cell>
                <Cell className="align-top">
                  <ButtonForm
                    action={forgetImportAliasAction}
                    hidden={{ alias: String(alias.id), back }}
                    label="Forget"
                    name={`the name “${alias.name}”`}
                  />
                </Cell>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : (
        <p className="text-sm">
          No remembered names: imports place {subject} only by its own name, slug
          {subject === 'this mesh' ? ' and former names' : ''}.
        </p>
      )}
    </section>
  );
}
