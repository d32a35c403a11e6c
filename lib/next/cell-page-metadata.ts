import 'server-only';
import type { Metadata } from 'next';
import { describePage, meshPreviewPath } from '@/lib/next/page-metadata';
import { decodeParam } from '@/lib/next/pages';
import { cellPath } from '@/lib/rules/format';
import { readCellPage } from '@/lib/next/read-models';
import type { CellPage } from '@/lib/server/cells/cell-page';

export type CellPageParams = Promise<{ slug: string; version: string; feature: string }>;

type CellPageKind = {
  /** Path after the cell's own, e.g. `/talk`; none for the cell page itself. */
  suffix?: string;
  title: (cell: string) => string;
  description: (page: CellPage, cell: string) => string;
  imageAlt?: (page: CellPage) => string;
  /** The title when the cell does not exist: the page itself answers 404. */
  missingTitle: string;
  /** The history the page itself reads (readCellPage), so the two share one read: one page of it, or all. */
  historyPage?: number;
};

/** Metadata of a cell page or one of its sub-pages: one shape, so the three cannot drift apart. */
export async function describeCellPage(params: CellPageParams, kind: CellPageKind): Promise<Metadata> {
  const { slug, version, feature } = await params;
  let page: CellPage;
  try {
    page = readCellPage(slug, decodeParam(version), feature, kind.historyPage);
  } catch {
    return { title: kind.missingTitle };
  }
  const cell = `${page.feature.name} in ${page.mesh.name} ${page.version.label}`;
  return describePage({
    title: kind.title(cell),
    description: kind.description(page, cell),
    path: `${cellPath(page.mesh.slug, page.version.label, page.feature.slug)}${kind.suffix ?? ''}`,
    image: meshPreviewPath(page.mesh.slug),
    imageAlt: kind.imageAlt?.(page),
  });
}
