import type { Metadata } from 'next';
import { getCurrentUser } from '@/lib/next/auth/session';
import { orNotFound } from '@/lib/next/pages';
import { readQuery } from '@/lib/rules/query';
import { newChangesetQuerySchema } from '@/lib/rules/page-queries';
import { getChangesetFormData } from '@/lib/server/changesets/changeset-form-data';
import { MAX_CHANGESET_CELLS } from '@/lib/server/changesets/schemas';
import { QueryProblems } from '@/app/_components/ui/notice';
import { TextLink } from '@/app/_components/ui/text-link';
import { ChangesetForm } from '../changeset-form';
import { proposeChangesetAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  title: 'Propose changes to a release',
  description: 'Change any number of cells of a release, or propose a new release, in one changeset.',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewChangesetPage({ searchParams }: Props) {
  const query = readQuery(newChangesetQuerySchema, await searchParams);
  const params = query.data ?? {};
  if (!params.mesh) {
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="text-2xl font-bold">Propose changes to a release</h1>
        <QueryProblems problems={query.problems} />
        <p>
          Start from a release page: each has &ldquo;Propose changes to this release&rdquo;, and each mesh page has
          &ldquo;Propose a new release&rdquo;. <TextLink href="/meshes">All meshes</TextLink>
        </p>
      </div>
    );
  }
  const newRelease = params.release === 'new';
  const data = orNotFound(() => getChangesetFormData(params.mesh!, newRelease ? undefined : params.version));
  const user = await getCurrentUser();
  const self = `/changesets/new?${new URLSearchParams(
    newRelease ? { mesh: data.mesh.slug, release: 'new' } : { mesh: data.mesh.slug, version: data.version },
  )}`;
  const heading = newRelease
    ? `Propose a new release of ${data.mesh.name}`
    : `Propose changes to ${data.mesh.name} ${data.version}`;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <TextLink href={`/meshes/${data.mesh.slug}${newRelease ? '' : `/${encodeURIComponent(data.version)}`}`}>
          Back to {data.mesh.name}
          {newRelease ? '' : ` ${data.version}`}
        </TextLink>
      </p>
      <h1 className="text-2xl font-bold">{heading}</h1>
      <QueryProblems problems={query.problems} />
      <p className="max-w-3xl">
        Every row is listed with its current value. Change the cells that differ (up to {MAX_CHANGESET_CELLS}), give the
        sources that show it, and send them once: a moderator reviews the changeset on one screen, cell by cell. Rows
        you leave as they are are not part of it.
      </p>
      {data.mesh.status === 'archived' ? (
        <p role="status">{data.mesh.name} is archived and no longer takes proposals.</p>
      ) : !user ? (
        <p>
          <a
            href={`/signin?callbackUrl=${encodeURIComponent(self)}`}
            className="inline-block rounded bg-blue-700 px-4 py-2 font-medium text-white"
          >
            Sign in to propose changes
          </a>
        </p>
      ) : user.banned ? (
        <p role="status">Your account is banned from proposing changes. You can still read everything.</p>
      ) : (
        <ChangesetForm
          action={proposeChangesetAction}
          mode={newRelease ? 'new-release' : 'release'}
          mesh={data.mesh}
          version={data.version}
          categories={data.categories}
          submitLabel="Send the changeset for review"
        />
      )}
    </div>
  );
}
