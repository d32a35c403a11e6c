import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { getStructure, type StructureFeature } from '@/lib/server/structure/structure';
import {
  addFeatureAction,
  moveFeatureAction,
  renameCategoryAction,
  setCategoryStatusAction,
  setFeatureStatusAction,
} from '../../actions';
import { featureFields } from '../../feature-fields';
import { StructureForm } from '../../structure-form';
import { Breadcrumb } from '@/app/_components/ui/breadcrumb';
import { ButtonForm } from '@/app/_components/ui/button-form';
import { Notice, OutcomeNotice, outcomeFromQuery, type SearchParams, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { outcomeQuerySchema } from '@/lib/rules/page-queries';
import { StatusBadge } from '@/app/_components/ui/status-badge';
import { TextLink } from '@/app/_components/ui/text-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Category structure' };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export default async function CategoryStructurePage({ params, searchParams }: Props) {
  const admin = await requirePageRole('admin');
  const { slug } = await params;
  const query = readQuery(outcomeQuerySchema, await searchParams);
  const category = getStructure(admin).categories.find((c) => c.slug === slug);
  if (!category) notFound();
  const here = `/admin/structure/categories/${category.slug}`;
  const active = category.features.filter((f) => f.status === 'active');
  const retired = category.features.filter((f) => f.status === 'retired');
  return (
    <div className="max-w-4xl space-y-8">
      <Breadcrumb trail={[{ href: '/admin/structure', label: 'Structure' }, { label: category.name }]} />
      <h1 className="text-2xl font-bold">
        Category: {category.name}
        <StatusBadge status={category.status} />
      </h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice {...outcomeFromQuery(query.data ?? {})} />
      {category.status === 'retired' ? (
        <Notice tone="warning" as="div" className="space-y-2">
          <p>This category is retired: none of its rows appear in the matrix. Their values and history are kept.</p>
          <ButtonForm
            action={setCategoryStatusAction}
            hidden={{ category: category.slug, status: 'active', back: here }}
            label="Restore"
            name={category.name}
          />
        </Notice>
      ) : null}

      <section aria-labelledby="rows-heading" className="space-y-3">
        <h2 id="rows-heading" className="text-xl font-semibold">
          Rows
        </h2>
        {active.length === 0 ? <p>No active rows yet.</p> : null}
        <ol className="divide-y divide-slate-200 rounded border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {active.map((feature) => (
            <RowItem key={feature.slug} feature={feature} here={here} />
          ))}
        </ol>
        {retired.length ? (
          <>
            <h3 className="text-lg font-semibold">Retired rows</h3>
            <ul className="divide-y divide-slate-200 rounded border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
              {retired.map((feature) => (
                <RowItem key={feature.slug} feature={feature} here={here} />
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {category.status === 'active' ? (
        <section aria-labelledby="add-row-heading" className="space-y-3">
          <h2 id="add-row-heading" className="text-xl font-semibold">
            Add a row to {category.name}
          </h2>
          <StructureForm
            action={addFeatureAction}
            id="add-row-form"
            submitLabel="Add row"
            hidden={{ category: category.slug }}
            fields={featureFields()}
          />
        </section>
      ) : null}

      <section aria-labelledby="rename-heading" className="space-y-3">
        <h2 id="rename-heading" className="text-xl font-semibold">
          Rename
        </h2>
        <p className="text-sm">The slug ({category.slug}) stays, so filters and links keep working.</p>
        <StructureForm
          action={renameCategoryAction}
          id="rename-category-form"
          submitLabel="Rename category"
          hidden={{ category: category.slug }}
          fields={[{ name: 'name', label: 'Name', required: true, defaultValue: category.name }]}
        />
      </section>

      {category.status === 'active' ? (
        <section aria-labelledby="retire-heading" className="space-y-3">
          <h2 id="retire-heading" className="text-xl font-semibold">
            Retire
          </h2>
          <p className="text-sm">
            Takes the category and all its rows out of the matrix; nothing is deleted and you can restore it.
          </p>
          <ButtonForm
            action={setCategoryStatusAction}
            hidden={{ category: category.slug, status: 'retired', back: here }}
            label="Retire category"
            name={category.name}
            tone="warn"
          />
        </section>
      ) : null}
    </div>
  );
}

function RowItem({ feature, here }: { feature: StructureFeature; here: string }) {
  const back = `${here}#row-${feature.slug}`;
  return (
    <li id={`row-${feature.slug}`} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
      <div className="min-w-0">
        <TextLink href={`/admin/structure/rows/${feature.slug}`} className="font-medium">
          {feature.name}
        </TextLink>
        <StatusBadge status={feature.status} />
        <span className="block text-xs text-slate-700 dark:text-slate-300">
          {feature.slug} · {feature.kind === 'support' ? 'support level' : 'text'} · values in {feature.cells} releases
        </span>
      </div>
      <div className="flex flex-wrap gap-2">
        {feature.status === 'active' ? (
          <>
            <ButtonForm
              action={moveFeatureAction}
              hidden={{ feature: feature.slug, direction: 'up', back }}
              label="Move up"
              name={feature.name}
            />
            <ButtonForm
              action={moveFeatureAction}
              hidden={{ feature: feature.slug, direction: 'down', back }}
              label="Move down"
              name={feature.name}
            />
            <ButtonForm
              action={setFeatureStatusAction}
              hidden={{ feature: feature.slug, status: 'retired', back }}
              label="Retire"
              name={feature.name}
              tone="warn"
            />
          </>
        ) : (
          <ButtonForm
            action={setFeatureStatusAction}
            hidden={{ feature: feature.slug, status: 'active', back }}
            label="Restore"
            name={feature.name}
          />
        )}
      </div>
    </li>
  );
}
