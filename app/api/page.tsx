import type { Metadata } from 'next';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { DATA_LICENCE } from '@/lib/server/exports/csv';
import { bodySchemaOf, describeType, jsonSchemaOf, queryParametersOf } from '@/lib/server/openapi/document';
import { accessLabels, routeRegistry, type Operation, type RouteEntry } from '@/lib/server/openapi/registry';

export const metadata: Metadata = {
  title: 'API',
  description: 'The Mesh Matrix JSON API, its OpenAPI description, the full data dump and the CSV export.',
};

interface ParameterRow {
  name: string;
  where: string;
  type: string;
  required: boolean;
  note?: string;
}

function parameterRows(entry: RouteEntry, operation: Operation): ParameterRow[] {
  const path = Object.entries(entry.pathParams ?? {}).map(([name, param]) => ({
    name,
    where: 'path',
    type: describeType(jsonSchemaOf(param.schema)),
    required: true,
    note: param.description,
  }));
  const query = queryParametersOf(operation).map((param) => ({
    name: param.name,
    where: 'query',
    type: describeType(param.schema),
    required: param.required,
    note: param.note,
  }));
  const body = bodySchemaOf(operation);
  const required = new Set(body?.required ?? []);
  const fields = Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
    name,
    where: 'JSON body',
    type: describeType(schema),
    required: required.has(name),
  }));
  return [...path, ...query, ...fields];
}

function operationId(entry: RouteEntry, operation: Operation): string {
  return `${operation.method}-${entry.path}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function OperationSection({ entry, operation }: { entry: RouteEntry; operation: Operation }) {
  const rows = parameterRows(entry, operation);
  const id = operationId(entry, operation);
  return (
    <section aria-labelledby={id} className="space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
      <h3 id={id} className="font-mono text-base font-semibold break-all">
        <span className="rounded bg-slate-200 px-1.5 py-0.5 text-sm dark:bg-slate-800">{operation.method}</span>{' '}
        {entry.path}
      </h3>
      <p>{operation.summary}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">Who</dt>
        <dd>{accessLabels[operation.access]}</dd>
        <dt className="font-semibold">Answers</dt>
        <dd>
          {operation.success.status} <code>{operation.success.contentType}</code>
          {operation.conditional ? ', with ETag and Last-Modified (304 when unchanged)' : ''}
        </dd>
        <dt className="font-semibold">Errors</dt>
        <dd>{operation.errors.join(', ')}</dd>
      </dl>
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <DataTable
            caption={`Parameters of ${operation.method} ${entry.path}`}
            columns={['Name', 'In', 'Type', 'Required', 'Notes']}
          >
            {rows.map((row) => (
              <tr key={`${row.where}-${row.name}`} className="align-top">
                <RowHeader>
                  <code>{row.name}</code>
                </RowHeader>
                <Cell>{row.where}</Cell>
                <Cell>
                  <code className="break-all">{row.type}</code>
                </Cell>
                <Cell>{row.required ? 'yes' : 'no'}</Cell>
                <Cell>{row.note ?? ''}</Cell>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">No parameters.</p>
      )}
    </section>
  );
}

/** The API for people, generated from the same registry as /api/v1/openapi.json. */
export default function ApiPage() {
  const groups = [...new Set(routeRegistry.map((entry) => entry.group))];
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">API</h1>
      <p>
        Everything the site shows is also JSON. Reads are public and need no key; writes need a signed-in session (the
        sign-in cookie) and a JSON request from this site&apos;s origin. The machine-readable description is{' '}
        <TextAnchor href="/api/v1/openapi.json">/api/v1/openapi.json</TextAnchor> (OpenAPI 3.1, generated from the same
        checks that validate each request).
      </p>
      <h2 className="text-lg font-semibold">Open data</h2>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          <TextAnchor href="/api/v1/dump.json">/api/v1/dump.json</TextAnchor>: the whole data set (meshes, releases,
          rows and every revision with its sources), versioned with the data; load it into an empty database with{' '}
          <code>npm run db:load-dump -- dump.json</code>.
        </li>
        <li>
          <TextAnchor href="/api/v1/matrix.csv">/api/v1/matrix.csv</TextAnchor>: every cell of every release as CSV.
        </li>
        <li>
          <TextAnchor href="/changes/feed.xml">/changes/feed.xml</TextAnchor>: recent changes as an Atom feed.
        </li>
      </ul>
      <p className="text-sm">{DATA_LICENCE}</p>
      <nav aria-label="API sections">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {groups.map((group) => (
            <li key={group}>
              <TextAnchor href={`#${group.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>{group}</TextAnchor>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <section key={group} aria-labelledby={group.toLowerCase().replace(/[^a-z0-9]+/g, '-')} className="space-y-4">
          <h2 id={group.toLowerCase().replace(/[^a-z0-9]+/g, '-')} className="text-xl font-semibold">
            {group}
          </h2>
          {routeRegistry
            .filter((entry) => entry.group === group)
            .flatMap((entry) =>
              entry.operations.map((operation) => (
                <OperationSection key={operationId(entry, operation)} entry={entry} operation={operation} />
              )),
            )}
        </section>
      ))}
    </div>
  );
}
