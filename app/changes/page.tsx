import type { Metadata } from 'next';
import { ChangesView } from './changes-view';

export const dynamic = 'force-static';

export const metadata: Metadata = {
  title: 'Recent changes',
  alternates: { types: { 'application/atom+xml': [{ url: '/changes/feed.xml', title: 'Mesh Matrix: recent changes' }] } },
};

export default function ChangesPage() {
  return <ChangesView params={{}} />;
}
