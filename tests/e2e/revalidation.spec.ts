/**
 * Every write path refreshes the cached public pages it affects: each page is
 * fetched once (so a cached copy exists), the write is made, and the very
 * next request must show it. This replaces a source check that only looked
 * for a revalidate call in each file.
 *
 * The spec works on a mesh of its own run, made dense by one import so it is
 * on `/` itself, and archives it at the end so other specs find the matrix
 * they expect.
 */
import { test, expect, type APIRequestContext } from '@playwright/test';
import {
  contextFor,
  headOf,
  postJson,
  proposeJson,
  runTag,
  setCellJson,
  submitAction,
  type ActionKey,
  type Who,
} from './support-roles';

interface World {
  t: string;
  mesh: string;
  name: string;
  cat: string;
  row: string;
}

const contexts = new Map<Who, APIRequestContext>();
let w: World;
let reader: APIRequestContext;

const as = (who: Who) => contexts.get(who)!;

async function act(
  who: Who,
  key: ActionKey,
  at: string,
  fields: Record<string, string>,
  formState: boolean,
  expected: RegExp,
) {
  const outcome = await submitAction(as(who), key, at, fields, { formState });
  expect(outcome.redirect ?? JSON.stringify(outcome.state), key).toMatch(expected);
}

/** A page's HTML; `#current` drops the cell page's pending proposals, which show a proposed value before it is approved. */
async function text(page: string): Promise<string> {
  const [path, part] = page.split('#');
  const response = await reader.get(path!);
  expect(response.status(), path).toBe(200);
  // Entities as the page writes them, so a name with an apostrophe still matches.
  const html = (await response.text())
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
  return part === 'current'
    ? html
        .replace(/<section aria-labelledby="pending-heading"[\s\S]*?<\/section>/, '')
        .replace(/<script[\s\S]*?<\/script>/g, '')
    : html;
}

/**
 * Warms each page (and checks it does not yet show `shows`), writes, and
 * expects every page to show it on the next request. `hides` works the
 * other way round.
 */
async function expectFresh(
  pages: string[],
  write: () => Promise<void>,
  { shows, hides }: { shows?: string; hides?: string },
) {
  for (const page of pages) {
    const before = await text(page);
    if (shows) expect(before, `${page} before the write`).not.toContain(shows);
    if (hides) expect(before, `${page} before the write`).toContain(hides);
  }
  await write();
  for (const page of pages) {
    const after = await text(page);
    if (shows) expect.soft(after, `${page} on the next request shows ${shows}`).toContain(shows);
    if (hides) expect.soft(after, `${page} on the next request no longer shows ${hides}`).not.toContain(hides);
  }
}

const cellPages = (feature: string, label = '1.0') => [
  '/',
  `/meshes/${w.mesh}`,
  `/meshes/${w.mesh}/${label}`,
  `/meshes/${w.mesh}/${label}/${feature}#current`,
  '/api/v1/matrix',
];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  reader = await contextFor('anonymous');
  for (const who of ['alice', 'mo', 'ada'] as Who[]) contexts.set(who, await contextFor(who));
  const t = runTag();
  w = { t, mesh: `rv-${t}`, name: `RV ${t}`, cat: `rv-${t}-cat`, row: `rv-${t}-row` };
  await act(
    'ada',
    'admin/structure addMeshAction',
    '/admin/structure',
    { name: w.name, slug: w.mesh, firstRelease: '1.0' },
    true,
    /\?done=Mesh /,
  );
  // A value in every row: a mesh with little data waits behind a link instead of being on `/`.
  const matrix = await (await reader.get('/api/v1/matrix')).json();
  const rows = (matrix.categories as { features: { name: string }[] }[]).flatMap((c) => c.features.map((f) => f.name));
  const imported = await submitAction(
    as('ada'),
    'admin/import importTableAction',
    '/admin/import',
    {
      table: [
        `| Feature | ${w.name} |`,
        '| --- | --- |',
        '| Version | 1.0 |',
        ...rows.map((r) => `| ${r} | yes |`),
      ].join('\n'),
      source: 'https://example.org/revalidation',
      date: '2024-03-01',
      title: 'Revalidation fixture',
      mode: 'publish',
      intent: 'import',
    },
    { formState: true },
  );
  expect(imported.state?.report?.written, JSON.stringify(imported).slice(0, 300)).toBe(true);
  await act(
    'ada',
    'admin/structure addCategoryAction',
    '/admin/structure',
    { name: `RV ${t} category`, slug: w.cat },
    true,
    /\?done=/,
  );
  for (const name of ['row', 'second', 'retire']) {
    await act(
      'ada',
      'admin/structure addFeatureAction',
      '/admin/structure',
      {
        category: w.cat,
        name: `RV ${t} ${name}`,
        slug: `rv-${t}-${name}`,
        definition: 'Yes if the revalidation spec says so.',
        kind: 'support',
      },
      true,
      /\?done=/,
    );
  }
});

test.afterAll(async () => {
  if (!w) return;
  // Out of the default matrix again, for the specs that count its columns.
  await submitAction(
    as('ada'),
    'admin/structure setMeshStatusAction',
    '/admin/structure',
    {
      mesh: w.mesh,
      status: 'archived',
      reason: 'revalidation spec over',
      sourceUrl: 'https://example.org/revalidation',
    },
    { formState: false },
  );
  await submitAction(
    as('ada'),
    'admin/structure setCategoryStatusAction',
    '/admin/structure',
    { category: w.cat, status: 'retired' },
    { formState: false },
  );
  for (const context of [...contexts.values(), reader]) await context?.dispose();
});

const cell = (feature: string, version = '1.0') => ({ mesh: w.mesh, version, feature });

/** The release `/`, the mesh page and the JSON show: the newest, which another test here may have added. */
async function newest(): Promise<string> {
  const json = await (await reader.get('/api/v1/matrix')).json();
  return json.meshes.find((m: { slug: string }) => m.slug === w.mesh).version.label;
}

test('an approval (action) shows on the matrix, mesh, release and cell pages, /changes and the JSON', async () => {
  const note = `approved ${w.t}`;
  const label = await newest();
  const id = await proposeJson(as('alice'), cell('mtls', label), { support: 'partial', note });
  await expectFresh(
    [...cellPages('mtls', label), '/changes'],
    () => act('mo', 'review approveProposalAction', '/review', { id: String(id) }, false, /approved=/),
    { shows: note },
  );
});

test('a proposal (action) shows as pending on the cell page; reject and withdraw (actions) take it away', async () => {
  const pending = `pending-${w.t}`;
  const propose = async () =>
    act(
      'alice',
      'meshes/[slug]/[version]/[feature]/propose proposeCellChangeAction',
      `/meshes/${w.mesh}/1.0/rate-limiting/propose`,
      {
        mesh: w.mesh,
        version: '1.0',
        feature: 'rate-limiting',
        support: 'no',
        note: pending,
        'sources.0.url': 'https://example.com/p',
        rationale: pending,
        baseRevisionId: String(await headOf(reader, w.mesh, '1.0', 'rate-limiting')),
      },
      true,
      /submitted=\d+/,
    );
  const cellPage = [`/meshes/${w.mesh}/1.0/rate-limiting`];
  let id = 0;
  await expectFresh(
    cellPage,
    async () => {
      await propose();
      id = (await (await as('alice').get('/api/v1/proposals?mine=1&status=pending')).json()).proposals.find(
        (p: { note: string }) => p.note === pending,
      ).id;
    },
    { shows: pending },
  );
  await expectFresh(
    cellPage,
    () =>
      act(
        'mo',
        'review rejectProposalAction',
        '/review',
        { id: String(id), preset: 'No source supports this' },
        false,
        /rejected=/,
      ),
    { hides: pending },
  );
  await expectFresh(cellPage, propose, { shows: pending });
  id = (await (await as('alice').get('/api/v1/proposals?mine=1&status=pending')).json()).proposals.find(
    (p: { note: string }) => p.note === pending,
  ).id;
  await expectFresh(
    cellPage,
    () => act('alice', 'proposals withdrawProposalAction', '/proposals', { id: String(id) }, false, /withdrawn=/),
    { hides: pending },
  );
});

test('a revert (action) shows the earlier value everywhere the cell is shown', async () => {
  const earlierNote = `earlier ${w.t}`;
  const label = await newest();
  const earlier = await setCellJson(as('alice'), as('mo'), cell('circuit-breaking', label), {
    support: 'partial',
    note: earlierNote,
  });
  const head = await setCellJson(as('alice'), as('mo'), cell('circuit-breaking', label), {
    support: 'no',
    note: `later ${w.t}`,
  });
  await expectFresh(
    // The cell page keeps the later value in its history table; the pages that show only the current value drop it.
    cellPages('circuit-breaking', label).filter((p) => !p.includes('circuit-breaking')),
    () =>
      act(
        'mo',
        'meshes/[slug]/[version]/[feature]/diff revertCellAction',
        `/meshes/${w.mesh}/${label}/circuit-breaking/diff`,
        {
          mesh: w.mesh,
          version: label,
          feature: 'circuit-breaking',
          revisionId: String(earlier),
          from: String(earlier),
          to: String(head),
          reason: 'revalidation',
        },
        false,
        /reverted=1/,
      ),
    { hides: `later ${w.t}` },
  );
});

test('a new release (action) shows on /meshes, the mesh page and /; its edit (action) on the release page; a change in it on the release diff', async () => {
  await expectFresh(
    ['/meshes', `/meshes/${w.mesh}`, '/'],
    () =>
      act(
        'mo',
        'meshes/[slug]/manage addReleaseAction',
        `/meshes/${w.mesh}/manage`,
        { mesh: w.mesh, label: '2.0' },
        true,
        /added=2\.0/,
      ),
    {
      shows: `/meshes/${w.mesh}/2.0`,
    },
  );
  const json = await (await reader.get('/api/v1/matrix')).json();
  expect(
    json.meshes.find((m: { slug: string }) => m.slug === w.mesh)?.version.label,
    'the JSON names the new release at once',
  ).toBe('2.0');
  await expectFresh(
    [`/meshes/${w.mesh}/2.0`],
    () =>
      act(
        'mo',
        'meshes/[slug]/manage updateReleaseAction',
        `/meshes/${w.mesh}/manage`,
        { mesh: w.mesh, label: '2.0', releasedOn: '2031-07-19' },
        false,
        /updated=2\.0/,
      ),
    {
      // Shown as a date in words; the year is enough to tell it from before.
      shows: '2031',
    },
  );
  const note = `diff ${w.t}`;
  const id = await proposeJson(as('alice'), cell('mtls', '2.0'), { support: 'no', note });
  await expectFresh(
    [`/meshes/${w.mesh}/compare/1.0/2.0`, '/changes'],
    () => act('mo', 'review approveProposalAction', '/review', { id: String(id) }, false, /approved=/),
    { shows: note },
  );
});

test('an import (action) shows on every page of the cell and /changes', async () => {
  const note = `imported ${w.t}`;
  const label = await newest();
  const table = [
    `| Feature | ${w.name} |`,
    '| --- | --- |',
    `| Version | ${label} |`,
    `| Distributed tracing | no ${note} |`,
  ].join('\n');
  await expectFresh(
    [...cellPages('distributed-tracing', label), '/changes'],
    async () => {
      const outcome = await submitAction(
        as('ada'),
        'admin/import importTableAction',
        '/admin/import',
        {
          table,
          source: 'https://example.org/reval',
          date: '2024-06-01',
          title: 'Revalidation',
          mode: 'publish',
          intent: 'import',
        },
        { formState: true },
      );
      expect(outcome.state?.report?.written, JSON.stringify(outcome).slice(0, 300)).toBe(true);
    },
    { shows: note },
  );
});

test('structure (actions): category and row added, renamed, moved and retired show on / and the cell page at once', async () => {
  const t = w.t;
  await expectFresh(
    ['/', `/meshes/${w.mesh}/1.0`],
    () =>
      act(
        'ada',
        'admin/structure renameCategoryAction',
        `/admin/structure/categories/${w.cat}`,
        { category: w.cat, name: `RV ${t} renamed category` },
        true,
        /done=/,
      ),
    {
      shows: `RV ${t} renamed category`,
    },
  );
  await expectFresh(
    ['/', `/meshes/${w.mesh}/1.0`, `/meshes/${w.mesh}/1.0/${w.row}`],
    () =>
      act(
        'ada',
        'admin/structure updateFeatureAction',
        `/admin/structure/rows/${w.row}`,
        { feature: w.row, name: `RV ${t} renamed row`, definition: 'Yes if it was renamed.' },
        true,
        /done=/,
      ),
    { shows: `RV ${t} renamed row` },
  );
  await expectFresh(
    ['/'],
    () =>
      act(
        'ada',
        'admin/structure addFeatureAction',
        '/admin/structure',
        { category: w.cat, name: `RV ${t} added row`, slug: `rv-${t}-added`, definition: 'Yes.', kind: 'support' },
        true,
        /done=/,
      ),
    {
      shows: `RV ${t} added row`,
    },
  );
  await expectFresh(
    ['/'],
    () =>
      act(
        'ada',
        'admin/structure addCategoryAction',
        '/admin/structure',
        { name: `RV ${t} second category`, slug: `rv-${t}-cat2` },
        true,
        /done=/,
      ),
    {},
  );
  // A category shows on `/` once it has a row: move one there.
  await expectFresh(
    ['/'],
    () =>
      act(
        'ada',
        'admin/structure moveFeatureToCategoryAction',
        `/admin/structure/rows/rv-${t}-second`,
        { feature: `rv-${t}-second`, category: `rv-${t}-cat2` },
        true,
        /done=/,
      ),
    {
      shows: `RV ${t} second category`,
    },
  );
  const order = async () => {
    const html = await text('/');
    return html.indexOf(`RV ${t} renamed row`) < html.indexOf(`RV ${t} retire`);
  };
  expect(await order()).toBe(true);
  await act(
    'ada',
    'admin/structure moveFeatureAction',
    `/admin/structure/categories/${w.cat}`,
    { feature: `rv-${t}-retire`, direction: 'up' },
    false,
    /done=/,
  );
  expect(await order(), 'the row moved up on the next request').toBe(false);
  const categoryOrder = async () => {
    const html = await text('/');
    return html.indexOf(`RV ${t} renamed category`) < html.indexOf(`RV ${t} second category`);
  };
  expect(await categoryOrder()).toBe(true);
  await act(
    'ada',
    'admin/structure moveCategoryAction',
    '/admin/structure',
    { category: `rv-${t}-cat2`, direction: 'up' },
    false,
    /done=/,
  );
  expect(await categoryOrder(), 'the category moved up on the next request').toBe(false);
  await expectFresh(
    ['/', `/meshes/${w.mesh}/1.0`],
    () =>
      act(
        'ada',
        'admin/structure setFeatureStatusAction',
        '/admin/structure',
        { feature: `rv-${t}-retire`, status: 'retired' },
        false,
        /done=/,
      ),
    {
      hides: `RV ${t} retire`,
    },
  );
  await expectFresh(
    ['/', `/meshes/${w.mesh}/1.0`],
    () =>
      act(
        'ada',
        'admin/structure setCategoryStatusAction',
        '/admin/structure',
        { category: `rv-${t}-cat2`, status: 'retired' },
        false,
        /done=/,
      ),
    {
      hides: `RV ${t} second category`,
    },
  );
});

test('meshes (actions): added and renamed show on /meshes, /, the mesh page and /changes; status changes move it on /meshes and off /', async () => {
  const t = w.t;
  await expectFresh(
    ['/meshes', '/api/v1/matrix'],
    () =>
      act(
        'ada',
        'admin/structure addMeshAction',
        '/admin/structure',
        { name: `RV ${t} added mesh`, slug: `rv-${t}-added-mesh`, firstRelease: '0.1' },
        true,
        /done=/,
      ),
    {
      shows: `RV ${t} added mesh`,
    },
  );
  await expectFresh(
    ['/meshes', '/', `/meshes/${w.mesh}`, `/meshes/${w.mesh}/1.0`, '/changes'],
    () =>
      act(
        'ada',
        'admin/structure renameMeshAction',
        `/admin/structure/meshes/${w.mesh}`,
        { mesh: w.mesh, name: `RV ${t} renamed mesh` },
        true,
        /done=/,
      ),
    { shows: `RV ${t} renamed mesh` },
  );
  await expectFresh(
    ['/'],
    () =>
      act(
        'mo',
        'meshes/[slug]/manage setMeshStatusAction',
        `/meshes/${w.mesh}/manage`,
        { mesh: w.mesh, status: 'archived', reason: 'revalidation', sourceUrl: 'https://example.org/archived' },
        false,
        /status=changed/,
      ),
    {
      hides: `RV ${t} renamed mesh`,
    },
  );
  const archived = async () => {
    const html = await text('/meshes');
    return html.indexOf(`RV ${t} renamed mesh`) > html.indexOf('Archived (kept for history');
  };
  expect(await archived()).toBe(true);
  await expectFresh(
    ['/'],
    () =>
      act(
        'ada',
        'admin/structure setMeshStatusAction',
        '/admin/structure',
        { mesh: w.mesh, status: 'active', reason: 'revalidation', sourceUrl: 'https://example.org/active' },
        false,
        /done=/,
      ),
    {
      shows: `RV ${t} renamed mesh`,
    },
  );
  expect(await archived(), '/meshes lists it as active again on the next request').toBe(false);
});

test('the JSON write routes refresh the pages too: propose and approve over /api/v1', async () => {
  const note = `api ${w.t}`;
  const label = await newest();
  const id = await proposeJson(as('alice'), cell('grpc', label), { support: 'partial', note });
  await expectFresh(
    cellPages('grpc', label),
    async () => {
      expect((await postJson(as('mo'), `/api/v1/proposals/${id}/approve`, {})).status()).toBe(200);
    },
    { shows: note },
  );
});
