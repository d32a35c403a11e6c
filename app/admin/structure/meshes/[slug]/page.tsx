import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { listImportAliases } from '@/lib/server/import/aliases';
import { getStructure } from '@/lib/server/structure/structure';
import { renameMeshAction, setMeshStatusAction } from '../../actions';
import { RememberedNames } from '../../remembered-names';
import { StructureForm } from '../../structure-form';
import { Breadcrumb } from '@/app/_components/ui/breadcrumb';
import { ButtonForm } from '@/app/_components/ui/button-form';
import { OutcomeNotice, outcomeFromQuery, type SearchParams, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { outcomeQuerySchema } from '@/lib/rules/page-queries';
import { StatusBadge } from '@/app/_components/ui/status-badge';
import { TextAnchor } from '@/app/_components/ui/text-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Mesh structure' };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

const field = 'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

export default async function MeshStructurePage({ params, searchParams }: Props) {
  const admin = await requirePageRole('admin');
  const { slug } = await params;
  const query = readQuery(outcomeQuerySchema, await searchParams);
  const mesh = getStructure(admin).meshes.find((m) => m.slug === slug);
  if (!mesh) notFound();
  const here = `/admin/structure/meshes/${mesh.slug}`;
  const remembered = listImportAliases(admin, { mesh: mesh.slug });
  return (
    <div className="max-w-3xl space-y-8">
      <Breadcrumb trail={[{ href: '/admin/structure', label: 'Structure' }, { label: mesh.name }]} />
      <h1 className="text-2xl font-bold">
        Mesh: {mesh.name}
        <StatusBadge status={mesh.status} />
      </h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice {...outcomeFromQuery(query.data ?? {})} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {/* Plain links: a prefetch of a public page racing this page's own rename would cache the page as it was. */}
        <TextAnchor href={`/meshes/${mesh.slug}`}>/meshes/{mesh.slug}</TextAnchor>
        {mesh.formerSlugs.length ? ` · former slugs that redirect here: ${mesh.formerSlugs.join(', ')}` : ''} ·{' '}
        {mesh.releases} releases, newest {mesh.latest ?? 'none'} ·{' '}
        <TextAnchor href={`/meshes/${mesh.slug}/manage`}>manage releases</TextAnchor>
      </p>

      <section aria-labelledby="rename-heading" className="space-y-3">
        <h2 id="rename-heading" className="text-xl font-semibold">
          Rename
        </h2>
        <p className="text-sm">
          A new slug changes every address of the mesh; the current one ({mesh.slug}) keeps redirecting to it, and the
          old name is listed as a former name.
        </p>
        <StructureForm
          action={renameMeshAction}
          id="rename-mesh-form"
          submitLabel="Rename mesh"
          hidden={{ mesh: mesh.slug }}
          fields={[
            { name: 'name', label: 'Name', required: true, defaultValue: mesh.name },
            { name: 'slug', label: 'New slug (optional)', hint: `Leave blank to keep ${mesh.slug}.`, plain: true },
          ]}
        />
      </section>

      <RememberedNames names={remembered} subject="this mesh" back={here} />

      <section aria-labelledby="status-heading" className="space-y-3">
        <h2 id="status-heading" className="text-xl font-semibold">
          {mesh.status === 'active' ? 'Archive' : 'Make active again'}
        </h2>
        <p className="text-sm">
          {mesh.status === 'active'
            ? 'An archived mesh leaves the default matrix and takes no proposals; every page and its history stay.'
            : 'The mesh comes back into the default matrix and takes proposals again.'}
        </p>
        <ButtonForm
          action={setMeshStatusAction}
          hidden={{ mesh: mesh.slug, status: mesh.status === 'active' ? 'archived' : 'active', back: here }}
          label={mesh.status === 'active' ? 'Archive' : 'Make active'}
          name={mesh.name}
          tone={mesh.status === 'active' ? 'warn' : 'plain'}
        >
          <div>
            <label htmlFor="status-reason" className="block text-sm font-medium">
              Reason (shown on the mesh page)
            </label>
            <input id="status-reason" name="reason" required className={field} />
          </div>
          <div>
            <label htmlFor="status-source" className="block text-sm font-medium">
              Source (a link where the change can be checked)
            </label>
            <input id="status-source" name="sourceUrl" type="url" required className={field} />
          </div>
        </ButtonForm>
      </section>
    </div>
  );
}
