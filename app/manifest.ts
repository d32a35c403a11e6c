import type { MetadataRoute } from 'next';

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Mesh Matrix: service mesh comparison',
    short_name: 'Mesh Matrix',
    description: 'The community-maintained comparison of service meshes, with sources and history for every value.',
    start_url: '/',
    display: 'browser',
    background_color: '#ffffff',
    theme_color: '#1e3a8a',
    icons: [
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
