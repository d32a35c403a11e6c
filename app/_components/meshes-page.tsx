import Link from 'next/link';
import { listMeshes } from '@/lib/server/matrix/meshes';
import { releasePath } from '@/lib/rules/format';
import { TextLink } from '@/app/_components/ui/text-link';

/** Every mesh at `/meshes`, archived ones apart. */
export function MeshesPage() {
  const all = listMeshes();
  const active = all.filter((m) => m.status === 'active');
  const archived = all.filter((m) => m.status === 'archived');
  return (
    <div className="max-w-4xl space-y-8">
      <h1 className="text-2xl font-bold">All meshes</h1>
      <MeshList title="Active" meshes={active} />
      {archived.length ? (
        <MeshList title="Archived (kept for history, not in the default matrix)" meshes={archived} />
      ) : null}
    </div>
  );
}

function MeshList({ title, meshes }: { title: string; meshes: ReturnType<typeof listMeshes> }) {
  const id = `list-${title.split(' ')[0]!.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="space-y-4">
        {meshes.map((mesh) => (
          <li key={mesh.slug}>
            <TextLink href={`/meshes/${mesh.slug}`} className="font-semibold">
              {mesh.name}
            </TextLink>
            {mesh.latest ? (
              <span className="text-sm text-slate-700 dark:text-slate-300">
                {' '}
                · newest recorded release{' '}
                <Link href={releasePath(mesh.slug, mesh.latest.label)} className="underline">
                  {mesh.latest.label}
                </Link>{' '}
                · {mesh.releaseCount} {mesh.releaseCount === 1 ? 'release' : 'releases'}
              </span>
            ) : null}
            <p className="text-sm">{mesh.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
