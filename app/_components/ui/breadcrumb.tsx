import { cellPath, releasePath } from '@/lib/rules/format';
import { TextLink } from './text-link';

/** Where this page sits: every step but the last a link, the last marked as the current page. */
export function Breadcrumb({ trail }: { trail: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap gap-1">
        {trail.map((item, i) => (
          // By position: a mesh, its release and a row may share a name.
          <li key={i} aria-current={item.href ? undefined : 'page'}>
            {item.href ? (
              <>
                <TextLink href={item.href}>{item.label}</TextLink> <span aria-hidden="true">/</span>
              </>
            ) : (
              item.label
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * A cell's trail: the matrix, its mesh, its release, then its row; `subPage` (Talk, History) makes the row a link and
 * adds itself as the current page.
 */
export function CellBreadcrumb({
  cell,
  subPage,
}: {
  cell: { mesh: { slug: string; name: string }; version: { label: string }; feature: { slug: string; name: string } };
  subPage?: string;
}) {
  const { mesh, version, feature } = cell;
  return (
    <Breadcrumb
      trail={[
        { href: '/', label: 'Matrix' },
        { href: `/meshes/${mesh.slug}`, label: mesh.name },
        { href: releasePath(mesh.slug, version.label), label: version.label },
        subPage
          ? { href: cellPath(mesh.slug, version.label, feature.slug), label: feature.name }
          : { label: feature.name },
        ...(subPage ? [{ label: subPage }] : []),
      ]}
    />
  );
}
