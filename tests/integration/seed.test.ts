import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles } from '@/db/seed/articles';
import { releases as seedReleases } from '@/db/seed/releases';
import { getDataQuality } from '@/lib/server/exports/data-quality';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { dateOfReleaseLabel } from '@/lib/rules/release-labels';
import { articleTimestamp, seedSteps, TABLE_HISTORY_MANIFEST } from '@/lib/server/seed/seed-database';
import { readManifest } from '@/lib/server/import/read-manifest';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

interface RevisionRow {
  id: number;
  mesh: string;
  label: string;
  feature: string;
  support: string | null;
  text: string | null;
  note: string | null;
  sources: string;
  kind: string;
  reason: string | null;
  release_inferred: number;
  created_at: string;
}

let db: TempDatabase;
let rows: RevisionRow[];

beforeAll(() => {
  db = createTempDatabase();
  rows = db.sqlite
    .prepare(
      `SELECT r.id, m.slug AS mesh, v.label, f.slug AS feature, r.support, r.text, r.note, r.sources, r.kind, r.reason, r.release_inferred, r.created_at
       FROM revisions r JOIN mesh_versions v ON v.id = r.mesh_version_id JOIN meshes m ON m.id = v.mesh_id JOIN features f ON f.id = r.feature_id
       ORDER BY r.created_at, r.id`,
    )
    .all() as RevisionRow[];
});
afterAll(() => db.cleanup());

const urlsOf = (row: RevisionRow) => (JSON.parse(row.sources) as { url: string }[]).map((s) => s.url);
const article = (key: string) => articles.find((a) => a.key === key)!;
/** The values one article gave (kind seed, citing its URL). */
const fromArticle = (key: string, mesh: string, feature: string) =>
  rows.filter(
    (r) => r.kind === 'seed' && r.mesh === mesh && r.feature === feature && urlsOf(r)[0] === article(key).url,
  );
const history = readManifest(TABLE_HISTORY_MANIFEST);

describe('the seed: five articles and the servicemesh.es history, merged by date', () => {
  it('has the meshes, releases and revisions it is known to have', () => {
    const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('meshes')).toBe(14);
    expect(count('mesh_versions')).toBe(73);
    expect(count('revisions')).toBe(rows.length);
    expect(rows.filter((r) => r.kind === 'seed').length).toBe(701);
    expect(rows.filter((r) => r.kind === 'import').length).toBe(2733);
    // The 94 table versions that changed something, recorded as imports so `npm run import:history` finds them done.
    expect(count('imports')).toBe(94);
  });

  it('takes its steps oldest first, an article before a table version of the same instant', () => {
    const steps = seedSteps(history);
    expect(steps).toHaveLength(articles.length + history.length);
    for (let i = 1; i < steps.length; i++) expect(steps[i - 1]!.at <= steps[i]!.at).toBe(true);
    expect('article' in steps[0]! && steps[0].article.key).toBe('servicemesh-es-2019');
  });

  it('cites an http(s) source for every value', () => {
    const unsourced = rows.filter((r) => urlsOf(r).length === 0 || urlsOf(r).some((u) => !/^https?:\/\//.test(u)));
    expect(unsourced.map((r) => r.id)).toEqual([]);
  });

  it('never titles a source with a bare support word taken from the link text in a table cell', () => {
    const titles = rows.flatMap((r) => (JSON.parse(r.sources) as { title: string | null }[]).map((s) => s.title));
    expect(titles.filter((t) => t !== null && /^(yes|no|partial)$/i.test(t.trim()))).toEqual([]);
  });

  it('dates every value by its source: an article by its publication, a table version by its commit', () => {
    const dates = new Map([
      ...articles.map((a) => [a.url, articleTimestamp(a.published)] as const),
      ...history.map((v) => [v.url, new Date(v.committedAt).toISOString()] as const),
    ]);
    const wrong = rows.filter((r) => r.kind !== 'carry_forward' && dates.get(urlsOf(r)[0]!) !== r.created_at);
    expect(wrong.map((r) => `${r.mesh}@${r.label}/${r.feature}`)).toEqual([]);
  });

  it('puts every article value on a release the article names, on `managed`, or marks the release inferred', () => {
    const named = new Set(seedReleases.map((r) => `${r.namedBy}|${r.mesh}@${r.label}`));
    const keyOf = new Map(articles.map((a) => [a.url, a.key]));
    const wrong = rows.filter((r) => {
      if (r.kind !== 'seed' || r.release_inferred) return false;
      if (r.label === 'managed') return false;
      const month = dateOfReleaseLabel(r.label);
      if (month) return month !== r.created_at.slice(0, 7);
      return !named.has(`${keyOf.get(urlsOf(r)[0]!)}|${r.mesh}@${r.label}`);
    });
    expect(wrong.map((r) => `${r.mesh}@${r.label}/${r.feature}`)).toEqual([]);
    expect(rows.filter((r) => r.kind === 'seed' && r.release_inferred).length).toBe(247);
  });

  it('puts every table value on a release that version of the table names, or marks the release inferred', () => {
    const tables = new Map(history.map((v) => [v.url, v.table]));
    const wrong = rows.filter(
      (r) => r.kind === 'import' && !r.release_inferred && !tables.get(urlsOf(r)[0]!)!.includes(r.label),
    );
    expect(wrong.map((r) => `${r.mesh}@${r.label}/${r.feature}`)).toEqual([]);
    // AWS App Mesh has no version row entry: its values sit on `managed`, said to be inferred.
    expect(rows.some((r) => r.kind === 'import' && r.release_inferred && r.mesh === 'aws-app-mesh')).toBe(true);
  });

  it('places a value whose article names no release on the release the table named at its date (Consul in March 2021 is 1.9)', () => {
    const consul = fromArticle('toptal-2021', 'consul', 'ha-control-plane');
    expect(consul).toHaveLength(1);
    expect(consul[0]).toMatchObject({ label: '1.9', release_inferred: 1 });
    // Named by the article itself: not inferred.
    expect(fromArticle('toptal-2021', 'istio', 'ha-control-plane')[0]).toMatchObject({
      label: '1.9',
      release_inferred: 0,
    });
    // No release known at the date: a release labelled by the date, never an older named one.
    expect(fromArticle('solo-2022', 'nginx-service-mesh', 'license')[0]).toMatchObject({
      label: 'as-of-2022-01',
      release_inferred: 0,
    });
  });

  it('holds no two values for one cell of one release from sources of different dates unless the later says what it corrects', () => {
    const last = new Map<string, RevisionRow>();
    const silent: string[] = [];
    let corrections = 0;
    for (const row of rows) {
      if (row.kind === 'carry_forward') continue;
      const key = `${row.mesh}@${row.label}/${row.feature}`;
      const before = last.get(key);
      last.set(key, row);
      if (!before || before.created_at.slice(0, 10) === row.created_at.slice(0, 10)) continue;
      const same = before.support === row.support && before.text === row.text && before.note === row.note;
      if (same) continue;
      if (row.reason?.includes('Corrects ')) corrections++;
      else silent.push(`${key} (${before.created_at.slice(0, 10)} → ${row.created_at.slice(0, 10)})`);
    }
    expect(silent).toEqual([]);
    expect(corrections).toBeGreaterThan(0);
  });

  it('ends on the releases the table history names at its end, unless an article names a newer one', () => {
    const matrix = getMatrix({}, db.db);
    const newest = Object.fromEntries(matrix.columns.map((c) => [c.mesh.slug, c.version.label]));
    expect(newest).toMatchObject({
      istio: '1.20',
      linkerd: '2.13',
      consul: '1.16',
      kuma: '2.0',
      'traefik-mesh': '1.4',
      cilium: '1.12',
      'aws-app-mesh': 'managed',
    });
  });

  it('tells readers, per value shown, whether its release was named, inferred or labelled by a date', () => {
    expect(getDataQuality(db.db).overall.placement).toEqual({ named: 364, inferred: 45, dateLabelled: 21 });
  });

  it('shows, as of a date inside the history, the releases the table named then', () => {
    const matrix = getMatrix({ at: '2021-06-01' }, db.db);
    const newest = Object.fromEntries(matrix.columns.map((c) => [c.mesh.slug, c.version.label]));
    expect(newest).toMatchObject({ istio: '1.9', linkerd: '2.10', consul: '1.9', kuma: '1.1' });
  });
});

describe('corrections found by checking every seeded value against its article', () => {
  it('keeps "backed by Google, IBM and Red Hat" as a note, not as who developed Istio', () => {
    expect(
      rows.filter(
        (r) => r.mesh === 'istio' && r.feature === 'developed-by' && urlsOf(r)[0] === article('newstack-2020').url,
      ),
    ).toEqual([]);
    expect(fromArticle('newstack-2020', 'istio', 'key-features')[0]!.note).toContain(
      'backed by Google, IBM, and Red Hat',
    );
    const developers = rows
      .filter((r) => r.mesh === 'istio' && r.feature === 'developed-by' && r.kind !== 'carry_forward')
      .map((r) => r.text);
    expect(developers).toContain('Google, IBM, Lyft');
    expect(developers.every((t) => !t?.includes('Red Hat'))).toBe(true);
  });

  it('does not read Grafana dashboards as a dashboard, and reads official Kiali support as one', () => {
    expect(fromArticle('newstack-2020', 'istio', 'dashboard')).toEqual([]);
    expect(fromArticle('newstack-2020', 'istio', 'grafana-integration')[0]!.support).toBe('yes');
    expect(fromArticle('toptal-2021', 'istio', 'dashboard')[0]).toMatchObject({
      support: 'yes',
      note: expect.stringContaining('Kiali'),
    });
  });

  it('records retries without timeouts as partial', () => {
    for (const mesh of ['consul', 'kuma', 'traefik-mesh', 'aws-app-mesh']) {
      expect(fromArticle('toptal-2021', mesh, 'retry-and-timeout')[0], mesh).toMatchObject({
        support: 'partial',
        note: expect.stringContaining('timeouts not stated'),
      });
    }
    expect(fromArticle('toptal-2021', 'istio', 'retry-and-timeout')[0]!.support).toBe('yes');
  });

  it('does not list "fully managed by AWS" as a limitation of App Mesh', () => {
    const limitations = fromArticle('toptal-2021', 'aws-app-mesh', 'limitations');
    expect(limitations).toHaveLength(1);
    expect(limitations[0]!.text).not.toMatch(/fully managed/i);
    expect(fromArticle('toptal-2021', 'aws-app-mesh', 'deployment-method')[0]!.note).toBe('fully managed by AWS');
  });

  it('reads NGINX canary deployments and A/B testing as percentage splits, not blue-green', () => {
    expect(fromArticle('solo-2022', 'nginx-service-mesh', 'blue-green-deployment')).toEqual([]);
    expect(fromArticle('solo-2022', 'nginx-service-mesh', 'percentage-based-traffic-splits')[0]).toMatchObject({
      support: 'yes',
      note: 'canary deployments and A/B testing',
    });
  });

  it('does not read WireGuard as mutual TLS between proxies or as an external CA', () => {
    expect(fromArticle('day79-2023', 'cilium', 'mtls')[0]).toMatchObject({
      support: 'partial',
      note: expect.stringContaining('WireGuard'),
    });
    expect(fromArticle('day79-2023', 'cilium', 'external-ca')).toEqual([]);
  });

  it('adds the claims the seed had missed', () => {
    expect(fromArticle('toptal-2021', 'consul', 'percentage-based-traffic-splits')[0]!.support).toBe('yes');
    expect(fromArticle('toptal-2021', 'consul', 'production-ready')[0]).toMatchObject({
      support: 'yes',
      note: expect.stringContaining('50,000 nodes'),
    });
    expect(fromArticle('toptal-2021', 'istio', 'percentage-based-traffic-splits')[0]).toMatchObject({
      label: '1.9',
      support: 'yes',
    });
    expect(fromArticle('toptal-2021', 'istio', 'header-and-path-based-traffic-splits')[0]).toMatchObject({
      label: '1.9',
      support: 'yes',
    });
    expect(fromArticle('newstack-2020', 'istio', 'mtls-by-default')[0]).toMatchObject({
      support: 'yes',
      note: expect.stringContaining('secured by default'),
    });
    expect(fromArticle('newstack-2020', 'aws-app-mesh', 'retry-and-timeout')[0]).toMatchObject({
      support: 'partial',
      note: expect.stringContaining('retry policies'),
    });
    expect(fromArticle('toptal-2021', 'consul', 'limitations')[0]!.text).toContain('learning curve');
    expect(fromArticle('toptal-2021', 'aws-app-mesh', 'limitations')[0]!.text).toContain('Not open source');
    expect(fromArticle('solo-2022', 'gloo-mesh', 'license')[0]!.text).toBe('Commercial');
  });

  it('archives Open Service Mesh citing where its archiving is shown', () => {
    const osm = db.sqlite
      .prepare("SELECT status, status_note, status_source_url FROM meshes WHERE slug = 'open-service-mesh'")
      .get() as Record<string, string>;
    expect(osm.status).toBe('archived');
    expect(osm.status_source_url).toMatch(/^https:\/\//);
    expect(osm.status_note).toMatch(/archived/i);
  });
});
