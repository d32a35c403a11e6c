import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTable } from '@/lib/server/import/run-import';
import { readTableFile } from '@/lib/rules/tables/table-file';
import type { ImportReport } from '@/lib/rules/tables/report';
import { snapshotState } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

/**
 * The corpus of tables in the shapes people publish (tests/fixtures/import/corpus, README there), each imported as a
 * dry run onto the seeded database: the report each must give. tests/unit/import-read.test.ts checks how each is read.
 */
const dir = path.resolve(process.cwd(), 'tests/fixtures/import/corpus');

function summary(report: ImportReport) {
  const suggested = (s: { slug: string }[]) => (s.length ? ` (${s.map((x) => x.slug).join(', ')})` : '');
  return {
    orientation: report.orientation,
    columns: report.columns.map((c) =>
      c.mesh ? `${c.heading} = ${c.mesh}@${c.release}` : `${c.heading} ? ${c.status}${suggested(c.suggestions)}`,
    ),
    rows: report.rows.map((r) =>
      r.row ? `${r.heading} = ${r.row}` : `${r.heading} ? ${r.status}${suggested(r.suggestions)}`,
    ),
    categories: report.categories.map((c) => c.heading),
    changes: report.changes.length,
  };
}

const expected: Record<string, ReturnType<typeof summary>> = {
  'a-transposed-readme.md': {
    orientation: 'meshes as rows',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Consul = consul@1.16',
      'Kuma = kuma@2.0',
      'Cilium = cilium@1.12',
      'Open Service Mesh = open-service-mesh@1.0',
    ],
    rows: [
      'mTLS = mtls',
      'Traffic Split = traffic-split',
      'Circuit Breaking = circuit-breaking',
      'Multi-Cluster Mesh = multi-cluster',
      'License = license',
      'Service Proxy = service-proxy',
    ],
    categories: [],
    changes: 36,
  },
  'b-grouped-header.html': {
    orientation: 'meshes as columns',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Kuma = kuma@2.0',
      'AWS App Mesh = aws-app-mesh@managed',
      'Gloo Mesh = gloo-mesh@as-of-2024-03',
    ],
    rows: [
      'mTLS = mtls',
      'Traffic Split = traffic-split',
      'Circuit Breaking = circuit-breaking',
      'Retry & Timeout = retry-and-timeout',
      'Multi-Cluster Mesh = multi-cluster',
      'License = license',
    ],
    categories: [],
    changes: 30,
  },
  'c-tfoot-footnotes.html': {
    orientation: 'meshes as columns',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Consul = consul@1.16',
      'Kuma = kuma@2.0',
      'Traefik Mesh = traefik-mesh@1.4',
    ],
    rows: [
      'Circuit Breaking = circuit-breaking',
      'Retry & Timeout = retry-and-timeout',
      'Fault Injection = fault-injection',
      'Delay Injection = delay-injection',
      'mTLS = mtls',
    ],
    categories: [],
    changes: 25,
  },
  'd-unknown-mesh.md': {
    orientation: 'meshes as columns',
    columns: ['Istio = istio@1.20', 'Kuma = kuma@2.0', 'Kong Mesh ? unknown', 'Consul = consul@1.16'],
    rows: [
      'Service Proxy = service-proxy',
      'mTLS = mtls',
      'Multi-Cluster Mesh = multi-cluster',
      'Mesh Expansion = mesh-expansion',
      'License = license',
    ],
    categories: [],
    changes: 15,
  },
  'e-near-match.html': {
    orientation: 'meshes as columns',
    columns: [
      'Istio = istio@1.20',
      'Gloo Mesh = gloo-mesh@as-of-2024-03',
      'Gloo Edge ? suggested (gloo-mesh)',
      'Linkerd = linkerd@2.13',
      'Linkerd 1.x ? suggested (linkerd)',
    ],
    rows: [
      'Service Proxy = service-proxy',
      'mTLS = mtls',
      'Traffic Split = traffic-split',
      'Circuit Breaking = circuit-breaking',
      'gRPC = grpc',
    ],
    categories: [],
    changes: 15,
  },
  'f-nested-explanations.html': {
    orientation: 'meshes as columns',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Cilium = cilium@1.12',
      'Open Service Mesh = open-service-mesh@1.0',
    ],
    rows: [
      'Mesh Expansion = mesh-expansion',
      'Multi-Cluster Mesh = multi-cluster',
      'Retry & Timeout = retry-and-timeout',
      'Traffic Split = traffic-split',
      'mTLS = mtls',
      'Circuit Breaking = circuit-breaking',
    ],
    categories: [],
    changes: 24,
  },
  'g-decorated-names.md': {
    orientation: 'meshes as columns',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Consul = consul@1.16',
      'Open Service Mesh (OSM) = open-service-mesh@1.0',
      'Traefik Mesh (formerly Maesh) = traefik-mesh@1.4',
      'Kuma logo = kuma@2.0',
    ],
    rows: [
      'mTLS = mtls',
      'Traffic Split = traffic-split',
      'Circuit Breaking = circuit-breaking',
      'Service Proxy = service-proxy',
    ],
    categories: [],
    changes: 24,
  },
  'h-marks.md': {
    orientation: 'meshes as columns',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Consul = consul@1.16',
      'Kuma = kuma@2.0',
      'Cilium = cilium@1.12',
      'NGINX Service Mesh = nginx-service-mesh@as-of-2024-03',
    ],
    rows: [
      'mTLS = mtls',
      'Traffic Split = traffic-split',
      'Circuit Breaking = circuit-breaking',
      'Retry & Timeout = retry-and-timeout',
      'Mesh Expansion = mesh-expansion',
      'Multi-Cluster Mesh = multi-cluster',
    ],
    categories: [],
    changes: 35,
  },
  'i-thead-per-category.html': {
    orientation: 'meshes as columns',
    columns: ['Istio = istio@1.20', 'Linkerd = linkerd@2.13', 'Kuma = kuma@2.0', 'Cilium = cilium@1.12'],
    rows: [
      'License = license',
      'Service Proxy = service-proxy',
      'TCP = tcp',
      'HTTP/2 = http-2',
      'gRPC = grpc',
      'mTLS = mtls',
    ],
    categories: ['General', 'Supported Protocols', 'Security Features'],
    changes: 24,
  },
  'j-markdown-footnotes.md': {
    orientation: 'meshes as columns',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Consul = consul@1.16',
      'AWS App Mesh = aws-app-mesh@managed',
      'Kuma = kuma@2.0',
    ],
    rows: [
      'Circuit Breaking = circuit-breaking',
      'Retry & Timeout = retry-and-timeout',
      'Fault Injection = fault-injection',
      'Delay Injection = delay-injection',
    ],
    categories: [],
    changes: 20,
  },
  'k-transposed-grouped.html': {
    orientation: 'meshes as rows',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Consul = consul@1.16',
      'AWS App Mesh = aws-app-mesh@managed',
      'NGINX Service Mesh = nginx-service-mesh@as-of-2024-03',
    ],
    rows: [
      'License = license',
      'mTLS = mtls',
      'mTLS Enforcement = mtls-enforcement',
      'Authorization Rules = authorization-rules',
      'TCP = tcp',
      'gRPC = grpc',
    ],
    categories: ['Security', 'Supported Protocols'],
    changes: 30,
  },
  'l-wikipedia.html': {
    orientation: 'meshes as rows',
    columns: [
      'Istio = istio@1.20',
      'Linkerd = linkerd@2.13',
      'Consul = consul@1.16',
      'Open Service Mesh = open-service-mesh@1.0',
    ],
    rows: ['mTLS = mtls', 'Multi-cluster = multi-cluster', 'License = license', 'Developer ? suggested (developed-by)'],
    categories: [],
    changes: 12,
  },
  'm-repeated-header.md': {
    orientation: 'meshes as columns',
    columns: ['Istio = istio@1.20', 'Linkerd = linkerd@2.13', 'Consul = consul@1.16', 'Kuma = kuma@2.0'],
    rows: [
      'Traffic Split = traffic-split',
      'Retry & Timeout = retry-and-timeout',
      'mTLS = mtls',
      'Authorization Rules = authorization-rules',
      'TCP = tcp',
      'gRPC = grpc',
    ],
    categories: ['Traffic Management', 'Security Features', 'Supported Protocols'],
    changes: 24,
  },
  'n-logo-header.html': {
    orientation: 'meshes as columns',
    columns: ['istio-logo = istio@1.20', 'Linkerd logo = linkerd@2.13', 'Consul = consul@1.16', 'Cilium = cilium@1.12'],
    rows: ['Service Proxy = service-proxy', 'HTTP/2 = http-2', 'gRPC = grpc', 'License = license'],
    categories: [],
    changes: 16,
  },
};

describe('the corpus of published table shapes, each with the report it must give', () => {
  let db: TempDatabase;
  let cast: Cast;
  const reports = new Map<string, ImportReport>();
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());
  const dryRun = (file: string) => {
    const before = snapshotState(db);
    const report = importTable(
      cast.ada,
      {
        table: fs.readFileSync(path.join(dir, file), 'utf8'),
        source: `https://example.org/corpus/${file}`,
        date: '2024-03-01',
        dryRun: true,
      },
      { db: db.db },
    );
    expect(snapshotState(db)).toEqual(before);
    reports.set(file, report);
    return report;
  };
  const after = (file: string, cell: string) => {
    const [mesh, feature] = cell.split('/');
    return reports.get(file)!.changes.find((c) => c.mesh === mesh && c.feature === feature)?.after;
  };

  it('holds at least twelve tables, every one listed here', () => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f !== 'README.md')
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files).toEqual(Object.keys(expected).sort());
  });

  for (const file of Object.keys(expected)) {
    it(`${file}: reads, places and plans as expected, with no problem`, () => {
      const report = dryRun(file);
      expect(report.problems).toEqual([]);
      expect(summary(report)).toEqual(expected[file]);
    });
  }

  it('values: marks, words after them, footnotes by marker, guesses flagged', () => {
    expect(after('h-marks.md', 'cilium/mtls')).toEqual({ support: 'partial', text: null, note: null });
    expect(after('h-marks.md', 'cilium/traffic-split')).toMatchObject({ support: 'partial' });
    expect(after('h-marks.md', 'cilium/circuit-breaking')).toMatchObject({ support: 'no' });
    expect(after('h-marks.md', 'cilium/retry-and-timeout')).toMatchObject({ support: 'no' });
    expect(after('h-marks.md', 'linkerd/retry-and-timeout')).toEqual({
      support: 'yes',
      text: null,
      note: 'via ServiceProfile',
    });
    expect(after('h-marks.md', 'nginx-service-mesh/mesh-expansion')).toEqual({
      support: 'no',
      text: null,
      note: 'BYO',
    });
    expect(after('h-marks.md', 'nginx-service-mesh/multi-cluster')).toBeUndefined();
    const manual = 'Might be possible through manual configuration/templating of proxy';
    expect(after('j-markdown-footnotes.md', 'consul/circuit-breaking')).toEqual({
      support: 'no',
      text: null,
      note: manual,
    });
    expect(after('j-markdown-footnotes.md', 'linkerd/circuit-breaking')).toEqual({
      support: 'yes',
      text: null,
      note: 'since Linkerd 2.13',
    });
    expect(after('j-markdown-footnotes.md', 'linkerd/fault-injection')).toEqual({
      support: 'yes',
      text: null,
      note: 'by adding a deployment and a traffic split config',
    });
    expect(after('c-tfoot-footnotes.html', 'consul/fault-injection')).toEqual({
      support: 'no',
      text: null,
      note: manual,
    });
    expect(reports.get('c-tfoot-footnotes.html')!.notes).toContain('Footnote: Last updated in November 2023');
    expect(
      reports
        .get('c-tfoot-footnotes.html')!
        .changes.find((c) => c.mesh === 'consul' && c.feature === 'retry-and-timeout')?.guessed,
    ).toBe(true);
    expect(after('a-transposed-readme.md', 'consul/multi-cluster')).toEqual({
      support: 'yes',
      text: null,
      note: 'through cluster peering',
    });
  });

  it('row explanations are kept apart from the names and offered as definitions', () => {
    const rows = reports.get('f-nested-explanations.html')!.rows;
    expect(rows.find((r) => r.heading === 'Mesh Expansion')?.explanation).toBe(
      'Extension of the mesh by VMs outside the cluster',
    );
    expect(rows.find((r) => r.heading === 'Multi-Cluster Mesh')?.explanation).toBe(
      'Control and observe multiple clusters',
    );
  });

  it('an unreadable file is refused before it is read as a table', () => {
    expect(readTableFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]))).toEqual({
      problem: expect.stringMatching(/^is not a text file/),
    });
    expect(readTableFile(new Uint8Array([0x7c, 0xff, 0xfe, 0x7c]))).toEqual({
      problem: expect.stringMatching(/^is not UTF-8 text/),
    });
    expect(readTableFile(new TextEncoder().encode('| a | b |'))).toEqual({ text: '| a | b |' });
  });
});
