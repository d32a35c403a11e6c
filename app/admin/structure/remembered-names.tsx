import { formatDate } from '@/lib/rules/format';
import type { RememberedName } from '@/lib/server/import/aliases';
import { forgetImportAliasAction } from './actions';
import { ButtonForm, link } from './structure-ui';

const th = 'border-b border-slate-300 px-3 py-2 text-left dark:border-slate-700';
const td = 'border-b border-slate-200 px-3 py-2 align-top dark:border-slate-800';

/** Names table imports map onto this mesh or row without asking, each with a button to forget it. */
export function RememberedNames({ names, subject, back }: { names: RememberedName[]; subject: string; back: string }) {
  return (
    <section aria-labelledby="remembered-heading" className="space-y-3">
      <h2 id="remembered-heading" className="text-xl font-semibold">
        Names imports remember
      </h2>
      <p className="text-sm">
        When an import maps a name to {subject}, or creates it from one, the name is remembered: the next table using it is
        placed without asking. Forget a name that was mapped by mistake; the next{' '}
        <a href="/admin/import" className={link}>
          import
        </a>{' '}
        that uses it asks again.
      </p>
      {names.length ? (
        <div className="overflow-x-auto">
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption className="sr-only">Names imports remember for {subject}</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Name
                </th>
                <th scope="col" className={th}>
                  Remembered by
                </th>
                <th scope="col" className={th}>
                  When
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {names.map((alias) => (
                <tr key={alias.id}>
                  <th scope="row" className={`${td} font-normal`}>
                    {alias.name}
                  </th>
                  <td className={td}>{alias.createdByName ?? 'the seed data or the command line'}</td>
                  <td className={td}>{formatDate(alias.createdAt)}</td>
                  <td className={td}>
                    <ButtonForm action={forgetImportAliasAction} hidden={{ alias: String(alias.id), back }} label="Forget" name={`the name “${alias.name}”`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm">No remembered names: imports place {subject} only by its own name, slug{subject === 'this mesh' ? ' and former names' : ''}.</p>
      )}
    </section>
  );
}
