import { BadRequestError } from '@/lib/rules/errors';
import type { ReleaseDiff } from '@/lib/server/matrix/meshes';
import { readReleaseDiffModel } from '@/lib/next/read-models';
import { decodeParam, orNotFound } from '@/lib/next/pages';
import { TextLink } from '@/app/_components/ui/text-link';

/** Loads a release diff for the compare routes; a bad choice of releases becomes a message, an unknown mesh a 404. */
export function readReleaseDiff(
  slug: string,
  from?: string,
  to?: string,
): { diff: ReleaseDiff } | { problem: string; slug: string } {
  try {
    return {
      diff: orNotFound(() =>
        readReleaseDiffModel(
          slug,
          from === undefined ? undefined : decodeParam(from),
          to === undefined ? undefined : decodeParam(to),
        ),
      ),
    };
  } catch (error) {
    if (error instanceof BadRequestError) return { problem: error.message, slug };
    throw error;
  }
}

export function ReleaseDiffProblem({ problem, slug }: { problem: string; slug: string }) {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">Cannot compare these releases</h1>
      <p role="alert">{problem}</p>
      <p>
        <TextLink href={`/meshes/${slug}/compare`}>Compare the two most recent releases</TextLink> or go back to{' '}
        <TextLink href={`/meshes/${slug}`}>the mesh page</TextLink>.
      </p>
    </div>
  );
}
