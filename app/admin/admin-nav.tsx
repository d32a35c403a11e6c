'use client';

import { usePathname } from 'next/navigation';

const links = [
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/structure', label: 'Structure' },
  { href: '/admin/import', label: 'Import' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/settings', label: 'Settings' },
];

export function AdminNav() {
  const pathname = usePathname() ?? '';
  return (
    <nav aria-label="Administration" className="mb-6 border-b border-slate-200 pb-2 dark:border-slate-800">
      <ul className="flex flex-wrap gap-4 text-sm">
        {links.map(({ href, label }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <a
                href={href}
                aria-current={current ? 'page' : undefined}
                className={`underline ${current ? 'font-semibold' : ''}`}
              >
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
