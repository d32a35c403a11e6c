import type { Metadata } from 'next';
import { RetiredNotice } from '@/app/_components/retired-notice';
import { SupportBadge } from '@/app/_components/support-badge';
import { getCurrentUser } from '@/lib/next/auth/session';
import { cellPath } from '@/lib/rules/format';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { cellClosedReason } from '@/lib/server/proposals/proposals';
import { decodeParam, orNotFound, resolveMeshSlugOrRespond } from '@/lib/next/pages';
import { ProposeForm } from './propose-form';
import { TextLink } from '@/app/_components/ui/text-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Propose a change' };

type Props = { params: Promise<{ slug: string; version: string; feature: string }> };

export default async function ProposePage({ params }: Props) {
  const { slug: rawSlug, version, feature } = await params;
  const slug = resolveMeshSlugOrRespond(rawSlug, [decodeParam(version), feature, 'propose']);
  const page = orNotFound(() => getCellPage(slug, decodeParam(version), feature));
  const href = cellPath(page.mesh.slug, page.version.label, page.feature.slug);
  const user = await getCurrentUser();
  const title = `${page.feature.name} in ${page.mesh.name} ${page.version.label}`;
  // The same rule the proposal command applies; a retired row keeps its fuller notice.
  const reason = cellClosedReason({
    mesh: page.mesh,
    feature: page.feature,
    categoryName: page.category.name,
    categoryStatus: page.retired?.scope === 'category' ? 'retired' : 'active',
  });
  const closed = !reason ? null : reason.field === 'feature' && page.retired ? (
    <RetiredNotice retired={page.retired} />
  ) : (
    <p role="status">{reason.message}.</p>
  );
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <TextLink href={href} prefetch={false}>
          Back to {title}
        </TextLink>
      </p>
      <h1 className="text-2xl font-bold">Propose a change: {title}</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        <span className="font-medium">What counts:</span> {page.feature.definition}
      </p>
      <section aria-labelledby="now-heading" className="rounded border border-slate-200 p-4 dark:border-slate-800">
        <h2 id="now-heading" className="font-semibold">
          Current value
        </h2>
        {page.current ? (
          <p className="mt-2">
            {page.feature.kind === 'text' || page.current.support === null ? (
              page.current.text
            ) : (
              <SupportBadge support={page.current.support} />
            )}
            {page.current.note ? <span className="ml-2 text-sm">{page.current.note}</span> : null}
          </p>
        ) : (
          <p className="mt-2">Nothing is recorded yet.</p>
        )}
      </section>
      {closed ? (
        closed
      ) : !user ? (
        <p>
          <a
            href={`/signin?callbackUrl=${encodeURIComponent(`${href}/propose`)}`}
            className="inline-block rounded bg-blue-700 px-4 py-2 font-medium text-white"
          >
            Sign in to propose a change
          </a>
        </p>
      ) : user.banned ? (
        <p role="status">Your account is banned from proposing changes. You can still read everything.</p>
      ) : (
        <ProposeForm
          mesh={page.mesh.slug}
          version={page.version.label}
          feature={page.feature.slug}
          kind={page.feature.kind}
          baseRevisionId={page.current?.revisionId ?? null}
          current={
            page.current
              ? {
                  support: page.current.support,
                  text: page.current.text,
                  note: page.current.note,
                  sources: page.current.sources,
                }
              : null
          }
        />
      )}
    </div>
  );
}
