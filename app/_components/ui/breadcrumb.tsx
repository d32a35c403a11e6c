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
