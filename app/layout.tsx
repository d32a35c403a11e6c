import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { matrixPreviewPath, readMetadataBase, SITE_NAME } from '@/lib/next/page-metadata';
import { SiteFooter } from './_components/site-footer';
import { SiteHeader } from './_components/site-header';
import './globals.css';

const siteDescription =
  'The community-maintained comparison of service meshes: Istio, Linkerd, Consul, Kuma, Traefik Mesh, AWS App Mesh, Cilium and more, with sources and history for every value.';

export function generateMetadata(): Metadata {
  return {
    // Read at render time, so canonical and preview URLs name the running server's SITE_URL, not the build machine's.
    metadataBase: readMetadataBase(),
    title: { default: 'Mesh Matrix: service mesh comparison', template: '%s · Mesh Matrix' },
    icons: {
      icon: [
        { url: '/favicon.ico', sizes: '32x32' },
        { url: '/favicon.svg', type: 'image/svg+xml' },
      ],
      apple: { url: '/apple-touch-icon.png', sizes: '180x180' },
    },
    description: siteDescription,
    openGraph: { type: 'website', siteName: SITE_NAME, description: siteDescription, images: [matrixPreviewPath] },
    twitter: { card: 'summary_large_image', description: siteDescription, images: [matrixPreviewPath] },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-screen-2xl px-4 py-6">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
