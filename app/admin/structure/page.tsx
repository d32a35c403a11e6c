import type { Metadata } from 'next';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { getStructure } from '@/lib/server/structure/structure';
import {
  addCategoryAction,
  addFeatureAction,
  addMeshAction,
  moveCategoryAction,
  setCategoryStatusAction,
} from './actions';
import { featureFields } from './feature-fields';
import { StructureForm } from './structure-form';
import { ButtonForm } from '@/app/_components/ui/button-form';
import { OutcomeNotice, outcomeFromQuery, type SearchParams, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { outcomeQuerySchema } from '@/lib/rules/page-queries';
import { StatusBadge } from '@/app/_components/ui/status-badge';
import { TextLink, TextAnchor } from '@/app/_components/ui/text-link';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Structure' };

type Props = { searchParams: Promise<SearchParams> };

export default async function StructurePage({ searchParams }: Props) {
  const admin = await requirePageRole('admin');
  const query = readQuery(outcomeQuerySchema, await searchParams);
  const structure = getStructure(admin);
  const active = structure.categories.filter((c) => c.status === 'active');
  return (
    <div className="max-w-4xl space-y-10">
      <div className="space-y-3">
        <h1 className="text-2xl font-bold">Structure</h1>
        <p className="text-slate-700 dark:text-slate-300">
          The categories, rows and meshes of the matrix. Retiring a row or a category takes it out of the matrix, the
          mesh pages and the exports; its values and history stay, and its cell pages keep answering. Every change is in
          the <TextLink href="/admin/audit">audit log</TextLink>.
        </p>
        <nav aria-label="On this page">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {[
              ['#categories', 'Categories'],
              ['#add-category', 'Add a category'],
              ['#add-row', 'Add a row'],
              ['#meshes', 'Meshes'],
              ['#add-mesh', 'Add a mesh'],
            ].map(([href, label]) => (
              <li key={href}>
                <TextAnchor href={href}>{label}</TextAnchor>
              </li>
            ))}
          </ul>
        </nav>
        <QueryProblems problems={query.problems} />
        <OutcomeNotice {...outcomeFromQuery(query.data ?? {})} />
      </div>

      <section aria-labelledby="categories" className="space-y-4">
        <h2 id="categories" className="text-xl font-semibold">
          Categories
        </h2>
        <p className="text-sm">
          In matrix order. Open a category to rename it and to edit, reorder or retire its rows.
        </p>
        <ol className="divide-y divide-slate-200 rounded border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {structure.categories.map((category) => {
            const retiredRows = category.features.filter((f) => f.status === 'retired').length;
            const back = `/admin/structure#category-${category.slug}`;
            return (
              <li
                key={category.slug}
                id={`category-${category.slug}`}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
              >
                <div>
                  <TextLink href={`/admin/structure/categories/${category.slug}`} className="font-medium">
                    {category.name}
                  </TextLink>
                  <StatusBadge status={category.status} />
                  <span className="block text-xs text-slate-700 dark:text-slate-300">
                    {category.slug} · {category.features.length - retiredRows} rows
                    {retiredRows ? `, ${retiredRows} retired` : ''}
                  </span>
                </div>
                <div className="flex flex-wrap gap-2">
                  {category.status === 'active' ? (
                    <>
                      <ButtonForm
                        action={moveCategoryAction}
                        hidden={{ category: category.slug, direction: 'up', back }}
                        label="Move up"
                        name={category.name}
                      />
                      <ButtonForm
                        action={moveCategoryAction}
                        hidden={{ category: category.slug, direction: 'down', back }}
                        label="Move down"
                        name={category.name}
                      />
                      <ButtonForm
                        action={setCategoryStatusAction}
                        hidden={{ category: category.slug, status: 'retired', back }}
                        label="Retire"
                        name={category.name}
                        tone="warn"
                      />
                    </>
                  ) : (
                    <ButtonForm
                      action={setCategoryStatusAction}
                      hidden={{ category: category.slug, status: 'active', back }}
                      label="Restore"
                      name={category.name}
                    />
                  )}
                </div>
              </li>
            );
          })}
        </ol>
        <h3 id="add-category" className="text-lg font-semibold">
          Add a category
        </h3>
        <StructureForm
          action={addCategoryAction}
          id="add-category-form"
          submitLabel="Add category"
          fields={[
            { name: 'name', label: 'Name', required: true },
            {
              name: 'slug',
              label: 'Slug (optional)',
              hint: 'Lowercase letters, digits and hyphens; derived from the name when left blank.',
              plain: true,
            },
          ]}
        />
      </section>

      <section aria-labelledby="add-row" className="space-y-4">
        <h2 id="add-row" className="text-xl font-semibold">
          Add a row
        </h2>
        <p className="text-sm">
          The row goes at the end of its category, with no values yet: contributors fill it in through proposals.
        </p>
        <StructureForm
          action={addFeatureAction}
          id="add-row-form"
          submitLabel="Add row"
          fields={[
            {
              name: 'category',
              label: 'Category',
              kind: 'select',
              options: active.map((c) => ({ value: c.slug, label: c.name })),
            },
            ...featureFields(),
          ]}
        />
      </section>

      <section aria-labelledby="meshes" className="space-y-4">
        <h2 id="meshes" className="text-xl font-semibold">
          Meshes
        </h2>
        <div className="overflow-x-auto">
          <DataTable
            caption="Every mesh, in matrix column order"
            columns={['Mesh', 'Slug', 'Newest release', 'Status']}
          >
            {structure.meshes.map((mesh) => (
              <tr key={mesh.slug} id={`mesh-${mesh.slug}`}>
                <RowHeader className="font-medium">
                  <TextLink href={`/admin/structure/meshes/${mesh.slug}`}>{mesh.name}</TextLink>
                </RowHeader>
                <Cell>
                  {mesh.slug}
                  {mesh.formerSlugs.length ? (
                    <span className="block text-xs">formerly {mesh.formerSlugs.join(', ')}</span>
                  ) : null}
                </Cell>
                <Cell>{mesh.latest ?? 'none'}</Cell>
                <Cell>{mesh.status}</Cell>
              </tr>
            ))}
          </DataTable>
        </div>
        <h3 id="add-mesh" className="text-lg font-semibold">
          Add a mesh
        </h3>
        <p className="text-sm">
          It appears as a new column at the end of the matrix, with its first release and no values yet.
        </p>
        <StructureForm
          action={addMeshAction}
          id="add-mesh-form"
          submitLabel="Add mesh"
          fields={[
            { name: 'name', label: 'Name', required: true },
            {
              name: 'slug',
              label: 'Slug (optional)',
              hint: 'Used in every address of the mesh; derived from the name when left blank.',
              plain: true,
            },
            { name: 'homepage', label: 'Homepage (optional)', hint: 'https://', plain: true },
            { name: 'repository', label: 'Source repository (optional)', hint: 'https://', plain: true },
            { name: 'description', label: 'Short description (optional)', kind: 'textarea' },
            {
              name: 'firstRelease',
              label: 'First release',
              hint: 'As the project writes it, for example 1.0.0, or managed for a hosted service.',
              required: true,
              plain: true,
            },
            { name: 'releasedOn', label: 'Release date (optional)', hint: 'Only if a source gives it.', kind: 'date' },
          ]}
        />
      </section>
    </div>
  );
}
