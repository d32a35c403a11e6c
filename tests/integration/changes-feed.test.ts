import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { meshVersions, revisions, type Revision } from '@/db/schema';
import { renderAtomFeed } from '@/lib/server/changes/atom';
import { listChanges, MAX_CHANGES_PAGE, type ChangeEntry } from '@/lib/server/changes/changes';
import { proposeCellChange } from '@/lib/server/proposals/proposals';
import { addRelease } from '@/lib/server/releases/releases';
import { approveProposal, revertCell } from '@/lib/server/proposals/review';
import { createCast, type Cast } from '@/tests/support/cast';
import { roomyLimits } from '@/tests/support/proposing';
import { headOf, LINKERD_NEWEST, nextMillisecond } from '@/tests/support/lookups';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';

/**
 * Following `hasMore` page by page yields every entry once, in the order of one big page, as far back as the feed
 * pages go (MAX_CHANGES_PAGE pages): every page it promises can be asked for, and it promises none past the last.
 */
function expectPagesWalkEverything(
  db: TempDatabase,
  filter: { mesh?: string; category?: string },
  pageSize: number,
): void {
  const all = listChanges({ ...filter, pageSize: 1_000_000 }, db.db).entries.map((e) => e.id);
  const reachable = all.slice(0, MAX_CHANGES_PAGE * pageSize);
  const walked: string[] = [];
  for (let page = 1; page <= MAX_CHANGES_PAGE + 1; page++) {
    const result = listChanges({ ...filter, pageSize, page }, db.db);
    expect(result.page, `${JSON.stringify(filter)}, pageSize ${pageSize}: page ${page - 1} said there is more`).toBe(
      page,
    );
    walked.push(...result.entries.map((e) => e.id));
    if (!result.hasMore) break;
  }
  expect(walked, `${JSON.stringify(filter)}, pageSize ${pageSize}`).toEqual(reachable);
  expect(new Set(walked).size).toBe(walked.length);
}

describe('listChanges paging (seeded, read only)', () => {
  let db: TempDatabase;

  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('pages through the seeded releases (many share a timestamp) without repeating or skipping any', () => {
    // Each servicemesh.es version's imported values share its commit's timestamp (often with a release named by it).
    for (const pageSize of [1, 2, 3, 4, 7]) expectPagesWalkEverything(db, {}, pageSize);
    for (const mesh of ['istio', 'linkerd']) expectPagesWalkEverything(db, { mesh }, 1);
    // A thousand-odd pages of one entry each, walked seven ways: slow by design, not a timing check.
  }, 90_000);
});

describe('listChanges and the Atom feed', () => {
  let db: TempDatabase;
  let cast: Cast;
  const trickyNote = 'Permissive by default & STRICT via <PeerAuthentication> <script>alert(1)</script>';
  let approvedRevisionId: number;
  let revertRevisionId: number;
  let originalHead: Revision;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    originalHead = headOf(db, 'istio', '1.16.1', 'mtls');
    const { id } = proposeCellChange(
      cast.alice,
      {
        mesh: 'istio',
        version: '1.16.1',
        feature: 'mtls',
        support: 'partial',
        note: trickyNote,
        sources: [{ url: 'https://istio.io/latest/docs/concepts/security/?a=1&b=2', title: 'Security & <auth>' }],
        rationale: 'The docs say so.',
        baseRevisionId: originalHead.id,
      },
      { limits: roomyLimits, db: db.db },
    );
    nextMillisecond();
    approvedRevisionId = approveProposal(cast.mo, { id }, { db: db.db }).revisionId;
    nextMillisecond();
    revertRevisionId = revertCell(
      cast.mia,
      { mesh: 'istio', version: '1.16.1', feature: 'mtls', revisionId: originalHead.id, reason: 'source misread' },
      { db: db.db },
    ).revisionId;
    nextMillisecond();
    addRelease(cast.mo, { mesh: 'linkerd', label: '2.14' }, { db: db.db });
  });
  afterAll(() => db.cleanup());

  it('lists the new release, the revert and the approval newest first, with values and people', () => {
    const { entries, hasMore, page } = listChanges({}, db.db);
    expect(page).toBe(1);
    // The seeded servicemesh.es history is news too (older, on later pages).
    expect(hasMore).toBe(true);
    const [release, revert, approval] = entries as [ChangeEntry, ChangeEntry, ChangeEntry];
    expect(release).toMatchObject({
      type: 'release',
      mesh: { slug: 'linkerd', name: 'Linkerd' },
      label: '2.14',
      releasedOn: null,
    });
    expect(revert).toMatchObject({
      type: 'revision',
      id: `revision-${revertRevisionId}`,
      kind: 'revert',
      mesh: { slug: 'istio' },
      label: '1.16.1',
      feature: { slug: 'mtls', kind: 'support' },
      category: { slug: 'security' },
      before: { support: 'partial', note: trickyNote },
      after: { support: originalHead.support, note: originalHead.note, sources: originalHead.sources },
      authorName: 'mia',
      approverName: 'mia',
      proposalId: null,
    });
    expect(revert.type === 'revision' && revert.reason).toContain('source misread');
    expect(approval).toMatchObject({
      type: 'revision',
      revisionId: approvedRevisionId,
      kind: 'proposal',
      before: { support: originalHead.support, note: originalHead.note, sources: originalHead.sources },
      after: { support: 'partial', note: trickyNote },
      authorName: 'alice',
      approverName: 'mo',
    });
    for (let i = 1; i < entries.length; i++) expect(entries[i - 1]!.at >= entries[i]!.at).toBe(true);
    // The articles' values (kind seed) and carried values are not news; the table history's imports and every release are.
    const everything = listChanges({ pageSize: 1_000_000 }, db.db).entries;
    for (let i = 1; i < everything.length; i++) expect(everything[i - 1]!.at >= everything[i]!.at).toBe(true);
    const revisionEntries = everything.filter(
      (e): e is Extract<ChangeEntry, { type: 'revision' }> => e.type === 'revision',
    );
    expect(revisionEntries.filter((e) => e.kind !== 'import').map((e) => e.id)).toEqual([
      `revision-${revertRevisionId}`,
      `revision-${approvedRevisionId}`,
    ]);
    const seededImports = db.db.select().from(revisions).where(eq(revisions.kind, 'import')).all();
    expect(seededImports.length).toBeGreaterThan(0);
    expect(
      revisionEntries
        .filter((e) => e.kind === 'import')
        .map((e) => e.revisionId)
        .sort((a, b) => a - b),
    ).toEqual(seededImports.map((r) => r.id).sort((a, b) => a - b));
    expect(everything.filter((e) => e.type === 'release')).toHaveLength(db.db.select().from(meshVersions).all().length);
  });

  it('filters by mesh and by category', () => {
    const linkerd = listChanges({ mesh: 'linkerd', pageSize: 1_000_000 }, db.db).entries;
    expect(linkerd[0]).toMatchObject({ type: 'release', label: '2.14' });
    expect(linkerd.every((e) => e.mesh.slug === 'linkerd')).toBe(true);
    expect(linkerd.filter((e) => e.type === 'release').map((e) => e.label)).toEqual([
      '2.14',
      LINKERD_NEWEST,
      '2.12',
      '2.11',
      '2.10',
      '2.9',
      '2.8',
      '2.7',
      '2.6',
    ]);

    const istio = listChanges({ mesh: 'istio' }, db.db).entries;
    expect(istio.slice(0, 2).map((e) => e.id)).toEqual([
      `revision-${revertRevisionId}`,
      `revision-${approvedRevisionId}`,
    ]);
    expect(istio.every((e) => e.mesh.slug === 'istio')).toBe(true);

    const security = listChanges({ category: 'security', pageSize: 1_000_000 }, db.db).entries;
    expect(security.slice(0, 2).map((e) => e.id)).toEqual([
      `revision-${revertRevisionId}`,
      `revision-${approvedRevisionId}`,
    ]);
    expect(security.every((e) => e.type === 'revision' && e.category.slug === 'security')).toBe(true);
    const resilience = listChanges({ category: 'resilience', pageSize: 1_000_000 }, db.db).entries;
    expect(resilience.length).toBeGreaterThan(0);
    expect(resilience.every((e) => e.type === 'revision' && e.category.slug === 'resilience')).toBe(true);
    expect(resilience.map((e) => e.id)).not.toContain(`revision-${approvedRevisionId}`);
    // Both filters at once: AWS App Mesh has news and SMI rows have news, but no SMI news for AWS App Mesh.
    expect(listChanges({ mesh: 'aws-app-mesh' }, db.db).entries.length).toBeGreaterThan(0);
    expect(listChanges({ category: 'smi' }, db.db).entries.length).toBeGreaterThan(0);
    expect(listChanges({ mesh: 'aws-app-mesh', category: 'smi' }, db.db).entries).toEqual([]);
    const kumaSecurity = listChanges({ mesh: 'kuma', category: 'security', pageSize: 1_000_000 }, db.db).entries;
    expect(kumaSecurity.length).toBeGreaterThan(0);
    expect(
      kumaSecurity.every((e) => e.type === 'revision' && e.mesh.slug === 'kuma' && e.category.slug === 'security'),
    ).toBe(true);
    expect(listChanges({ mesh: 'nosuchmesh' }, db.db)).toEqual({ entries: [], hasMore: false, page: 1 });
  });

  it('pages, saying whether there is more', () => {
    const all = listChanges({ pageSize: 1000 }, db.db).entries;
    const first = listChanges({ pageSize: 1 }, db.db);
    expect(first).toMatchObject({ page: 1, hasMore: true });
    expect(first.entries.map((e) => e.id)).toEqual([all[0]!.id]);
    const second = listChanges({ pageSize: 1, page: 2 }, db.db);
    expect(second).toMatchObject({ page: 2, hasMore: true });
    expect(second.entries.map((e) => e.id)).toEqual([`revision-${revertRevisionId}`]);

    const security2 = listChanges({ category: 'security', pageSize: 1, page: 2 }, db.db);
    expect(security2).toMatchObject({ page: 2, hasMore: true });
    expect(security2.entries.map((e) => e.id)).toEqual([`revision-${approvedRevisionId}`]);
    expect(listChanges({ category: 'security', pageSize: 1, page: 1 }, db.db).hasMore).toBe(true);
    // The last page of security changes says there is no more, and the one after it is empty.
    const securityCount = listChanges({ category: 'security', pageSize: 1_000_000 }, db.db).entries.length;
    const lastPage = Math.ceil(securityCount / 100);
    expect(lastPage).toBeLessThan(MAX_CHANGES_PAGE);
    const last = listChanges({ category: 'security', pageSize: 100, page: lastPage }, db.db);
    expect(last).toMatchObject({ page: lastPage, hasMore: false });
    expect(last.entries).toHaveLength(securityCount - (lastPage - 1) * 100);
    expect(listChanges({ category: 'security', pageSize: 100, page: lastPage + 1 }, db.db)).toEqual({
      entries: [],
      hasMore: false,
      page: lastPage + 1,
    });
    expect(listChanges({ pageSize: 2, page: 0 }, db.db).page).toBe(1);
  });

  it('walks every entry exactly once, page by page, in the same order as one big page', () => {
    for (const pageSize of [1, 2, 3, 5]) expectPagesWalkEverything(db, {}, pageSize);
    expectPagesWalkEverything(db, { mesh: 'istio' }, 1);
  }, 90_000);

  it('renders an Atom feed with one escaped entry per change', () => {
    const { entries } = listChanges({ pageSize: 10 }, db.db);
    const xml = renderAtomFeed(entries, {
      siteUrl: 'https://meshmatrix.example/',
      selfPath: '/changes/feed.xml',
      title: 'Mesh Matrix: changes & releases',
    });

    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toMatch(/<title>Mesh Matrix: changes &amp; releases<\/title>/);
    expect(xml).toMatch(/<id>https:\/\/meshmatrix\.example\/changes\/feed\.xml<\/id>/);
    expect(xml).toContain(`<updated>${entries[0]!.at}</updated>`);
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="https://meshmatrix.example/changes/feed.xml"/>',
    );
    expectWellFormed(xml);

    const blocks = xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
    expect(blocks).toHaveLength(entries.length);
    expect(xml.match(/<entry>/g)).toHaveLength(entries.length);
    for (const [i, block] of blocks.entries()) {
      const entry = entries[i]!;
      expect(block).toContain(`<id>https://meshmatrix.example/changes#${entry.id}</id>`);
      expect(block).toMatch(/<title>[^<]+<\/title>/);
      expect(block).toContain(`<updated>${entry.at}</updated>`);
      expect(block).toMatch(
        /<link rel="alternate" type="text\/html" href="https:\/\/meshmatrix\.example\/meshes\/[^"]+"\/>/,
      );
      expect(block).toMatch(/<content type="html">[^<]+<\/content>/);
    }
    const approval = blocks.find((b) => b.includes(`revision-${approvedRevisionId}`))!;
    expect(approval).toContain('href="https://meshmatrix.example/meshes/istio/1.16.1/mtls"');
    expect(approval).toContain('&amp; STRICT via &lt;PeerAuthentication&gt; &lt;script&gt;');
    expect(approval).toContain('<name>alice, mo</name>');
    // In html content the markup is escaped once more.
    expect(approval).toContain('&amp;lt;script&amp;gt;');
    expect(approval).toContain('?a=1&amp;amp;b=2');
    const release = blocks.find((b) => b.includes('Linkerd 2.14 added'))!;
    expect(release).toContain('href="https://meshmatrix.example/meshes/linkerd/2.14"');
    expect(xml).not.toMatch(/<script/i);
    expect(xml).not.toMatch(/<PeerAuthentication/);
  });

  it('renders an empty feed that is still valid', () => {
    const xml = renderAtomFeed([], {
      siteUrl: 'https://meshmatrix.example',
      selfPath: '/changes/feed.xml',
      title: 'Empty',
    });
    expectWellFormed(xml);
    expect(xml).not.toContain('<entry>');
    expect(xml).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });
});

/** A small XML well-formedness check: balanced tags, escaped text, no stray markup. */
function expectWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let roots = 0;
  for (const match of body.matchAll(tag)) {
    const text = body.slice(last, match.index);
    expect(text, `text before ${match[0]}`).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    for (const [, value] of (match[3] ?? '').matchAll(/="([^"]*)"/g))
      expect(value).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (closing) {
      expect(stack.pop(), `closing </${name}>`).toBe(name);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    }
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(body.trimStart().startsWith('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
}
