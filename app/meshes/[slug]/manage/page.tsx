import type { Metadata } from 'next';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { getMeshPage } from '@/lib/server/matrix/meshes';
import { orNotFound } from '@/lib/next/pages';
import { AddReleaseForm } from './add-release-form';
import { setMeshStatusAction, updateReleaseAction } from './actions';
import { TextLink } from '@/app/_components/ui/text-link';
import { OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { manageMeshQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Manage releases' };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const field = 'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

export default async function ManageMeshPage({ params, searchParams }: Props) {
  await requirePageRole('moderator');
  const { slug } = await params;
  const reading = readQuery(manageMeshQuerySchema, await searchParams);
  const query = reading.data ?? {};
  const page = orNotFound(() => getMeshPage(slug));
  const { mesh } = page;
  const notice =
    typeof query.added === 'string'
      ? `Release ${query.added} added.`
      : typeof query.updated === 'string'
        ? `Release ${query.updated} updated.`
        : query.status === 'changed'
          ? `${mesh.name} is now ${mesh.status}.`
          : null;
  const problem = typeof query.problem === 'string' ? query.problem : null;
  return (
    <div className="max-w-3xl space-y-8">
      <p className="text-sm">
        <TextLink href={`/meshes/${mesh.slug}`}>Back to {mesh.name}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">Manage {mesh.name}</h1>
      <QueryProblems problems={reading.problems} />
      <OutcomeNotice done={notice} problem={problem} />

      <section aria-labelledby="add-heading" className="space-y-3">
        <h2 id="add-heading" className="text-lg font-semibold">
          Add a release
        </h2>
        <AddReleaseForm mesh={mesh.slug} latest={page.versions[0]?.label ?? null} />
      </section>

      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-lg font-semibold">
          Releases
        </h2>
        <ul className="space-y-4">
          {page.versions.map((v) => (
            <li key={v.id}>
              <form action={updateReleaseAction} className="grid items-end gap-2 sm:grid-cols-[6rem_1fr_2fr_auto]">
                <input type="hidden" name="mesh" value={mesh.slug} />
                <input type="hidden" name="label" value={v.label} />
                <span className="font-medium">{v.label}</span>
                <div>
                  <label htmlFor={`date-${v.id}`} className="block text-sm">
                    Release date
                  </label>
                  <input
                    id={`date-${v.id}`}
                    name="releasedOn"
                    type="date"
                    defaultValue={v.releasedOn ?? ''}
                    className={field}
                  />
                </div>
                <div>
                  <label htmlFor={`notes-${v.id}`} className="block text-sm">
                    Release notes link
                  </label>
                  <input
                    id={`notes-${v.id}`}
                    name="releaseNotesUrl"
                    defaultValue={page.versionNotes[v.id] ?? ''}
                    className={field}
                  />
                </div>
                <button type="submit" className="rounded border border-slate-400 px-3 py-1 text-sm">
                  Save {v.label}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="status-heading" className="space-y-3">
        <h2 id="status-heading" className="text-lg font-semibold">
          Status: {mesh.status}
        </h2>
        <form action={setMeshStatusAction} className="space-y-2">
          <input type="hidden" name="mesh" value={mesh.slug} />
          <input type="hidden" name="status" value={mesh.status === 'active' ? 'archived' : 'active'} />
          <label htmlFor="status-reason" className="block text-sm font-medium">
            Reason (required, shown on the mesh page)
          </label>
          <input id="status-reason" name="reason" required className={field} />
          <label htmlFor="status-source" className="block text-sm font-medium">
            Source (required: a link where the change can be checked)
          </label>
          <input id="status-source" name="sourceUrl" type="url" required className={field} />
          <button type="submit" className="rounded bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800">
            {mesh.status === 'active' ? `Archive ${mesh.name}` : `Make ${mesh.name} active again`}
          </button>
        </form>
      </section>
    </div>
  );
}
