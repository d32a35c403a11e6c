import type { ReactNode } from 'react';
import { AdminNav } from './admin-nav';

/** Navigation only: every admin page checks the role itself (requirePageRole), never this layout. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
