import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { FeedbackHistory } from '@/app/_components/feedback-history';
import { TextLink } from '@/app/_components/ui/text-link';
import { getCurrentUser } from '@/lib/next/auth/session';
import { getChangeset } from '@/lib/server/changesets/changeset-views';
import { getChangesetFormData } from '@/lib/server/changesets/changeset-form-data';
import { ChangesetForm, type ChangesetFormRow } from '../../changeset-form';
import { reviseChangesetAction } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Revise a changeset' };

type Props = { params: Promise<{ id: string }> };

export default async function ReviseChangesetPage({ params }: Props) {
  const { id } = await params;
  const changeset = /^\d{1,12}$/.test(id) ? getChangeset(Number(id)) : null;
  if (!changeset) notFound();
  const user = await getCurrentUser();
  const open = changeset.cells.filter((c) => c.status === 'changes_requested');
  const releases = new Set(open.map((c) => `${c.cell.meshSlug}\u0000${c.cell.label}`));
  const [meshSlug, label] = (
    open[0] ? [open[0].cell.meshSlug, open[0].cell.label] : [changeset.release?.meshSlug, undefined]
  ) as [string | undefined, string | undefined];
  const mayRevise = user?.id === changeset.authorId && !user.banned && changeset.status === 'changes_requested';
  const data = mayRevise && meshSlug && releases.size <= 1 ? getChangesetFormData(meshSlug, label) : null;
  const shared = new Set(changeset.sources.map((s) => s.url));
  const proposedBy = new Map(open.map((c) => [c.cell.featureSlug, c]));
  const categories = data?.categories.map((category) => ({
    name: category.name,
    rows: category.rows.map((row): ChangesetFormRow => {
      const cell = proposedBy.get(row.slug);
      return cell
        ? {
            ...row,
            proposed: {
              support: cell.support,
              text: cell.text,
              note: cell.note,
              source: cell.sources.find((s) => !shared.has(s.url))?.url ?? null,
            },
          }
        : row;
    }),
  }));
  const newRelease = !!changeset.release && changeset.release.decision === null;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <TextLink href={`/changesets/${changeset.id}`}>Back to changeset {changeset.id}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">
        Revise changeset {changeset.id}: {changeset.title}
      </h1>
      <FeedbackHistory rounds={changeset.feedback} />
      {!mayRevise ? (
        <p role="status">
          {user?.id === changeset.authorId
            ? `Changeset ${changeset.id} is ${changeset.status.replace('_', ' ')}; it can be revised only after a moderator asks for changes.`
            : 'Only the author can revise a changeset.'}
        </p>
      ) : !data || !categories ? (
        <p role="status">
          This changeset spans several releases; revise it through <code>POST /api/v1/changesets</code> or withdraw it
          and send one per release.
        </p>
      ) : (
        <ChangesetForm
          action={reviseChangesetAction}
          mode="revise"
          mesh={data.mesh}
          version={newRelease ? changeset.release!.label : data.version}
          categories={categories}
          initial={{
            id: changeset.id,
            title: changeset.title,
            rationale: changeset.rationale,
            affiliated: changeset.affiliated,
            sources: changeset.sources,
          }}
          submitLabel="Send the revised changeset"
        />
      )}
    </div>
  );
}
