import Link from 'next/link';
import { UserMenu } from './user-menu';
import { WatchlistCount } from './watchlist-count';

const nav = [
  { href: '/', label: 'Matrix' },
  { href: '/meshes', label: 'Meshes' },
  { href: '/compare', label: 'Compare' },
  { href: '/changes', label: 'Changes' },
  { href: '/about', label: 'About the data' },
];

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-slate-900 no-underline dark:text-white">
          Mesh Matrix
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-4 text-sm">
            {nav.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="text-slate-800 underline-offset-4 hover:underline dark:text-slate-200"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <WatchlistCount />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
