import 'server-only';
import { cache } from 'react';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { getMeshPage, getReleaseDiff } from '@/lib/server/matrix/meshes';
import { getRowPage } from '@/lib/server/rows/row-page';

/*
 * The read models that a page and its generateMetadata both need, memoized for one request (React's cache): without
 * it every render ran them twice, 20–40 ms each for a cell with a hundred revisions on the large data set.
 */

/** `historyPage` as getCellPage takes it: one page of the history (the cell page shows the first), or all of it. */
export const readCellPage = cache((slug: string, label: string, featureSlug: string, historyPage?: number) =>
  getCellPage(slug, label, featureSlug, undefined, historyPage),
);

export const readMeshPage = cache((slug: string, label?: string) => getMeshPage(slug, label));

export const readRowPage = cache((slug: string) => getRowPage(slug));

/** A release diff, read once for the compare pages and their metadata (it was read twice, about 20 ms each on the large set). */
export const readReleaseDiffModel = cache((slug: string, from?: string, to?: string) => getReleaseDiff(slug, from, to));
