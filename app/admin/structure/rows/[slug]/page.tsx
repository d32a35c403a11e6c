import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { cellPath } from '@/lib/rules/format';
import { listImportAliases } from '@/lib/server/import/aliases';
import { getStructure } from '@/lib/server/structure/structure';
import { moveFeatureToCategoryAction, setFeatureStatusAction, updateFeatureAction } from '../../actions';
import { featureFields } from '../../feature-fields';
import { RememberedNames } from '../../remembered-names';
import { StructureForm } from '../../structure-form';
import { Breadcrumb } from '@/app/_components/ui/breadcrumb';
import { ButtonForm } from '@/app/_components/ui/button-form';
import { OutcomeNotice, outcomeFromQuery, type SearchParams, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { outcomeQuerySchema } from '@/lib/rules/page-queries';
import { StatusBadge } from '@/app/_components/ui/status-badge';
import { TextLink, TextAnchor } from '@/app/_components/ui/text-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Row structure' };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export default async function RowStructurePage({ params, searchParams }: Props) {
  const admin = await requirePageRole('admin');
  const { slug } = await params;
  const query = readQuery(outcomeQuerySchema, await searchParams);
  const structure = getStructure(admin);
  const category = structure.categories.find((c) => c.features.some((f) => f.slug === slug));
  const feature = category?.features.find((f) => f.slug === slug);
  if (!category || !feature) notFound();
  const here = `/admin/structure/rows/${feature.slug}`;
  const remembered = listImportAliases(admin, { feature: feature.slug });
  const sample = structure.meshes.find((m) => m.status === 'active' && m.latest);
  const otherCategories = structure.categories.filter((c) => c.status === 'active' && c.slug !== category.slug);
  return (
    <div className="max-w-3xl space-y-8">
      <Breadcrumb
        trail={[
          { href: '/admin/structure', label: 'Structure' },
          { href: `/admin/structure/categories/${category.slug}`, label: category.name },
          { label: feature.name },
        ]}
      />
      <h1 className="text-2xl font-bold">
        Row: {feature.name}
        <StatusBadge status={feature.status} />
      </h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice {...outcomeFromQuery(query.data ?? {})} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Slug {feature.slug} · {feature.kind === 'support' ? 'support level' : 'text'} · values in {feature.cells}{' '}
        releases
        {sample ? (
          <>
            {' '}
            · {/* A plain link: a prefetch racing an edit made on this page would cache the cell page as it was. */}
            <TextAnchor href={cellPath(sample.slug, sample.latest!, feature.slug)}>
              its cell in {sample.name} {sample.latest}
            </TextAnchor>
          </>
        ) : null}
      </p>

      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-xl font-semibold">
          Name, definition and reference
        </h2>
        <p className="text-sm">The slug stays, so every cell address and its history keep working.</p>
        <StructureForm
          action={updateFeatureAction}
          id="edit-row-form"
          submitLabel="Save row"
          hidden={{ feature: feature.slug }}
          fields={featureFields(feature)}
        />
      </section>

      {feature.status === 'active' && otherCategories.length ? (
        <section aria-labelledby="move-heading" className="space-y-3">
          <h2 id="move-heading" className="text-xl font-semibold">
            Move to another category
          </h2>
          <p className="text-sm">
            It goes to the end of that category. To reorder it within {category.name}, use the buttons on the{' '}
            <TextLink href={`/admin/structure/categories/${category.slug}#row-${feature.slug}`}>category page</TextLink>
            .
          </p>
          <StructureForm
            action={moveFeatureToCategoryAction}
            id="move-row-form"
            submitLabel="Move row"
            hidden={{ feature: feature.slug }}
            fields={[
              {
                name: 'category',
                label: 'Category',
                kind: 'select',
                options: otherCategories.map((c) => ({ value: c.slug, label: c.name })),
              },
            ]}
          />
        </section>
      ) : null}

      <RememberedNames names={remembered} subject="this row" back={here} />

      <section aria-labelledby="status-heading" className="space-y-3">
        <h2 id="status-heading" className="text-xl font-semibold">
          {feature.status === 'active' ? 'Retire' : 'Restore'}
        </h2>
        {feature.status === 'active' ? (
          <>
            <p className="text-sm">
              Takes the row out of the matrix, the mesh pages and the exports and closes it to proposals. Its values and
              history stay, and its cell pages keep answering with a notice. You can restore it.
            </p>
            <ButtonForm
              action={setFeatureStatusAction}
              hidden={{ feature: feature.slug, status: 'retired', back: here }}
              label="Retire row"
              name={feature.name}
              tone="warn"
            />
          </>
        ) : (
          <>
            <p className="text-sm">This row is retired. Restoring puts it back in the matrix where it was.</p>
            <ButtonForm
              action={setFeatureStatusAction}
              hidden={{ feature: feature.slug, status: 'active', back: here }}
              label="Restore row"
              name={feature.name}
            />
          </>
        )}
      </section>
    </div>
  );
}
