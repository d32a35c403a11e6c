import type { Metadata } from 'next';
import { configuredSiteOrigin } from './site-origin';

export const SITE_NAME = 'Mesh Matrix';

/** The matrix's preview image (app/og/matrix.png): every page that has none of its own shares it. */
export const matrixPreviewPath = '/og/matrix.png';

/** A mesh's preview image (app/og/meshes/[file]): its pages, releases and cells share it. */
export function meshPreviewPath(meshSlug: string): string {
  return `/og/meshes/${encodeURIComponent(meshSlug)}.png`;
}

/** Search-result snippets are cut near 160 characters; a stored description may be longer. */
const MAX_DESCRIPTION = 300;

export function clipDescription(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_DESCRIPTION ? flat : `${flat.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…`;
}

export interface PageDescription {
  title: string;
  description: string;
  /** The canonical path: the one URL of this content, whatever query variant was asked for. */
  path: string;
  /** Preview image path; the matrix's by default. */
  image?: string;
  imageAlt?: string;
  alternates?: Metadata['alternates'];
}

/**
 * A public page's metadata: description, canonical URL and the Open Graph and Twitter cards. Next replaces (not
 * merges) `openGraph` and `twitter` per segment, so every page states all of them through this one function.
 */
export function describePage(page: PageDescription): Metadata {
  const description = clipDescription(page.description);
  const image = {
    url: page.image ?? matrixPreviewPath,
    width: 1200,
    height: 630,
    alt: page.imageAlt ?? `${page.title}: support values at a glance`,
  };
  return {
    title: page.title,
    description,
    alternates: { ...page.alternates, canonical: page.path },
    openGraph: {
      type: 'website',
      siteName: SITE_NAME,
      title: page.title,
      description,
      url: page.path,
      images: [image],
    },
    twitter: { card: 'summary_large_image', title: page.title, description, images: [image] },
  };
}

/**
 * The base that makes canonical and preview URLs absolute: SITE_URL or NEXTAUTH_URL. Without either (a local install)
 * Next falls back to localhost, which only that machine can follow anyway.
 */
export function readMetadataBase(): URL | null {
  const origin = configuredSiteOrigin();
  return origin ? new URL(origin) : null;
}
