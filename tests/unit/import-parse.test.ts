import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOnlySupportWord, readCell } from '@/lib/rules/tables/cell-values';
import { decodeEntities } from '@/lib/rules/tables/inline-text';
import { meshes as seedMeshes } from '@/db/seed/meshes';
import { categories as seedCategories } from '@/db/seed/taxonomy';
import { nameKey, splitTrailingVersion } from '@/lib/rules/tables/names';
import { parseTable } from '@/lib/rules/tables/parse-table';
import type { ParsedTable } from '@/lib/rules/tables/table';

const servicemeshEs = fs.readFileSync(path.resolve(process.cwd(), '../shared/seeds/000_85b1770fffa73aa2.txt'), 'utf8');
const wikipediaStyle = fs.readFileSync(
  path.resolve(process.cwd(), 'tests/fixtures/import/wikipedia-style.html'),
  'utf8',
);

function rowNamed(table: ParsedTable, name: string) {
  const row = table.rows.find((r) => r.cells[0]?.text === name);
  expect(row, `row ${name}`).toBeDefined();
  return row!;
}

describe('parseTable: the servicemesh.es 2019 Markdown table', () => {
  const { table, problems, notes } = parseTable(servicemeshEs);

  it('finds the table with its header, columns and line numbers', () => {
    expect(problems).toEqual([]);
    expect(notes).toEqual([]);
    expect(table?.format).toBe('markdown');
    expect(table?.line).toBe(44);
    expect(table?.width).toBe(7);
    // Logo row (the Markdown header), the mesh names, then 36 more rows up to "Authorization Rules".
    expect(table?.rows).toHaveLength(38);
    expect(table?.rows.at(-1)?.line).toBe(82);
  });

  it('reads images as their alt text and strips bold', () => {
    expect(table!.rows[0]!.cells.map((c) => c.text)).toEqual([
      '',
      'istio-blue-logo',
      'linkerd',
      'awsappmesh',
      'consul',
      'maesh',
      'kuma',
    ]);
    expect(table!.rows[1]!.cells.map((c) => c.text)).toEqual([
      '',
      'Istio',
      'Linkerd 2',
      'AWS App Mesh',
      'Consul',
      'm√¶sh',
      'Kuma',
    ]);
  });

  it('marks the bold rows with --- filler as categories, and only those', () => {
    const categories = table!.rows.filter((r) => r.category).map((r) => [r.line, r.cells[0]!.text]);
    expect(categories).toEqual([
      [53, 'Supported Protocols'],
      [58, 'Service Mesh Interface compatibility'],
      [63, 'Monitoring Features'],
      [71, 'Routing Features'],
      [75, 'Resilience Features'],
      [80, 'Security Features'],
    ]);
  });

  it('keeps link text in the cell and collects the links', () => {
    const accessLog = rowNamed(table!, 'Access Log Generation');
    expect(accessLog.cells[2]).toEqual({
      text: 'no ( tap-Feature instead)',
      links: [{ url: 'https://linkerd.io/2/reference/cli/tap/', title: 'tap' }],
      name: 'no ( tap-Feature instead)',
      explanation: null,
      markers: [],
    });
    const golden = table!.rows.find((r) => r.line === 65)!;
    expect(golden.cells[0]!.text).toBe('"Golden Signal" Metrics Generation');
    const loadBalancing = rowNamed(table!, 'Load Balancing');
    expect(loadBalancing.cells[2]!.text).toBe('yes (EWMA exponentially weighted moving average)');
    expect(loadBalancing.cells[2]!.links).toEqual([
      { url: 'https://linkerd.io/2/features/load-balancing/', title: 'yes (EWMA' },
    ]);
    expect(rowNamed(table!, 'Load Balancing').cells[6]!.text).toBe('');
  });

  it('reads the footnote under the table', () => {
    expect(table!.footnotes).toEqual({ '*': 'might be possible through manual configuration/templating of proxy' });
  });
});

describe('parseTable: an HTML table (Wikipedia style)', () => {
  const { table, problems, notes } = parseTable(wikipediaStyle);

  it('finds the first real <table>, skipping comments and styles, and notes the caption and the second table', () => {
    expect(problems).toEqual([]);
    expect(table?.format).toBe('html');
    expect(table?.line).toBe(10);
    expect(table?.width).toBe(4);
    expect(notes).toEqual([
      'Table caption: Feature comparison of service meshes',
      'Only the first <table> was read; later tables were ignored.',
    ]);
  });

  it('decodes entities, drops reference markers and collects links', () => {
    expect(table!.rows[0]!.cells.map((c) => c.text)).toEqual(['Feature', 'Istio', 'Linkerd 2', 'Kuma']);
    const mtls = rowNamed(table!, 'mTLS');
    expect(mtls.line).toBe(18);
    expect(mtls.cells.map((c) => c.text)).toEqual(['mTLS', '✓ Yes', 'Yes, not for TCP', '']);
    expect(mtls.cells[1]!.links).toEqual([]);
    expect(mtls.cells[2]!.links).toEqual([
      { url: 'https://linkerd.io/2/features/automatic-mtls/', title: 'not for TCP' },
    ]);
    const governance = rowNamed(table!, 'Governance');
    expect(governance.cells[1]).toEqual({
      text: 'Istio Steering Committee & CNCF',
      links: [{ url: 'https://www.cncf.io/', title: 'CNCF' }],
      name: 'Istio Steering Committee & CNCF',
      explanation: null,
      markers: [],
    });
  });

  it('treats single cells spanning the row as categories and repeats a colspan cell in each column', () => {
    expect(table!.rows.filter((r) => r.category).map((r) => r.cells[0]!.text)).toEqual(['Security', 'General']);
    expect(rowNamed(table!, 'License').cells.map((c) => c.text)).toEqual([
      'License',
      'Apache License 2.0',
      'Apache License 2.0',
      'Apache License 2.0',
    ]);
  });

  it('fills rowspan cells down and reports rows of the wrong width with their line', () => {
    const html = [
      '<table>',
      '<tr><th>Row</th><th>Istio</th><th>Kuma</th></tr>',
      '<tr><td>TCP</td><td rowspan="2">yes</td><td>no</td></tr>',
      '<tr><td>gRPC</td><td>no</td></tr>',
      '<tr><td>mTLS</td><td>yes</td><td>yes</td><td>extra</td></tr>',
      '</table>',
    ].join('\n');
    const parsed = parseTable(html);
    expect(parsed.table!.rows[2]!.cells.map((c) => c.text)).toEqual(['gRPC', 'yes', 'no']);
    expect(parsed.problems).toEqual([
      { line: 5, message: 'line 5: the row has 4 cells (counting colspan) where the first row has 3' },
    ]);
  });

  it('reports a <table> that never closes', () => {
    const parsed = parseTable('<p>x</p>\n<table><tr><th>Row</th><th>Istio</th></tr><tr><td>TCP</td><td>yes</td></tr>');
    expect(parsed.problems).toEqual([{ line: 2, message: 'line 2: the <table> has no closing </table>' }]);
    expect(parsed.table!.rows).toHaveLength(2);
  });
});

describe('parseTable: malformed input', () => {
  it('says when there is no table at all', () => {
    const parsed = parseTable('# Service meshes\n\nIstio | is | great, but this is prose.\n\n---\n');
    expect(parsed.table).toBeNull();
    expect(parsed.problems).toEqual([
      {
        line: null,
        message:
          'no table found: expected a Markdown pipe table (a header row, then a row like | --- | --- |) or an HTML <table>',
      },
    ]);
  });

  it('names every ragged Markdown row by line', () => {
    const parsed = parseTable(
      [
        'intro',
        '',
        '| Feature | Istio | Kuma |',
        '| --- | --- | --- |',
        '| TCP | yes |',
        '| mTLS | yes | yes | no |',
        '| gRPC | yes | yes |',
      ].join('\n'),
    );
    expect(parsed.problems).toEqual([
      { line: 5, message: 'line 5: the row has 2 cells where the header has 3' },
      { line: 6, message: 'line 6: the row has 4 cells where the header has 3' },
    ]);
  });

  it('ignores tables inside code fences and reads escaped pipes as text', () => {
    const parsed = parseTable(
      [
        '```',
        '| a | b |',
        '| - | - |',
        '```',
        '',
        'Feature | Istio',
        '---|---',
        'Ingress | gateway \\| controller',
      ].join('\n'),
    );
    expect(parsed.table?.line).toBe(6);
    expect(parsed.table?.rows[1]!.cells[1]!.text).toBe('gateway | controller');
  });
});

describe('readCell', () => {
  const footnotes = { '*': 'might be possible through manual configuration' };

  it.each([
    ['yes', 'yes', null],
    ['✓', 'yes', null],
    ['✅', 'yes', null],
    ['✔️', 'yes', null],
    ['Supported', 'yes', null],
    ['TRUE', 'yes', null],
    ['✓ Yes', 'yes', null],
    ['yes (per Node)', 'yes', 'per Node'],
    ['yes, via Vault', 'yes', 'via Vault'],
    ['no ( tap-Feature instead)', 'no', 'tap-Feature instead'],
    ['❌', 'no', null],
    ['-', 'no', null],
    ['n', 'no', null],
    ['Unsupported', 'no', null],
    ['not supported on Windows', 'no', 'on Windows'],
    ['No; BYO', 'no', 'BYO'],
    ['partial', 'partial', null],
    ['Partly', 'partial', null],
    ['beta', 'partial', 'beta'],
    ['in preview', 'partial', 'in preview'],
    ['experimental (since 1.9)', 'partial', 'experimental: since 1.9'],
    ['?', 'unknown', null],
    ['no*', 'no', 'might be possible through manual configuration'],
    ['depending on the proxy used', 'partial', 'depending on the proxy used'],
    ['Timeout yes, Retry no*', 'partial', 'Timeout yes, Retry no; might be possible through manual configuration'],
  ])('support row: %s → %s (%s)', (text, support, note) => {
    const value = readCell(text, 'support', footnotes);
    expect(value).toMatchObject({ support, text: null, note });
  });

  it('flags a support cell without a yes/no word as guessed', () => {
    expect(readCell('Jaeger, Zipkin', 'support')?.guessed).toBe(true);
    expect(readCell('yes, Kiali', 'support')?.guessed).toBe(false);
  });

  it('skips empty and not-applicable cells', () => {
    for (const text of ['', '  ', 'n/a', 'N/A']) {
      expect(readCell(text, 'support')).toBeNull();
      expect(readCell(text, 'text')).toBeNull();
    }
    expect(readCell('-', 'text')).toBeNull();
  });

  it('keeps text rows as written, with a footnote as the note', () => {
    expect(readCell('Apache License 2.0', 'text')).toEqual({
      support: null,
      text: 'Apache License 2.0',
      note: null,
      guessed: false,
    });
    expect(readCell('yes', 'text')).toEqual({ support: null, text: 'yes', note: null, guessed: false });
    expect(readCell('Envoy*', 'text', footnotes)).toEqual({
      support: null,
      text: 'Envoy',
      note: 'might be possible through manual configuration',
      guessed: false,
    });
  });
});

describe('names', () => {
  it('ignores case, accents, punctuation and mojibake; & reads as and', () => {
    expect(nameKey('m√¶sh')).toBe('maesh');
    expect(nameKey('mæsh')).toBe('maesh');
    expect(nameKey('Retry & Timeout')).toBe(nameKey('retry-and-timeout'));
    expect(nameKey('HTTP/1.1+')).toBe(nameKey('http-1-1'));
    expect(nameKey('AWS App Mesh')).toBe(nameKey('aws-app-mesh'));
  });

  it('gives every seeded mesh and row names no other one shares, so the importer never has to guess', () => {
    const owners = (things: { id: string; names: string[] }[]) => {
      const byKey = new Map<string, Set<string>>();
      for (const thing of things)
        for (const name of thing.names) byKey.set(nameKey(name), (byKey.get(nameKey(name)) ?? new Set()).add(thing.id));
      return [...byKey].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `${key}: ${[...ids].join(', ')}`);
    };
    const meshes = seedMeshes.map((m) => ({
      id: m.slug,
      names: [m.slug, m.name, ...(m.otherNames ?? []), ...(m.formerNames ?? []).flatMap((f) => [f.slug, f.name])],
    }));
    const rows = seedCategories
      .flatMap((c) => c.features)
      .map((f) => ({ id: f.slug, names: [f.slug, f.name, ...(f.aliases ?? [])] }));
    expect(owners(meshes)).toEqual([]);
    expect(owners(rows)).toEqual([]);
  });

  it('splits a release off a heading', () => {
    expect(splitTrailingVersion('Istio 1.16.1')).toEqual({ name: 'Istio', label: '1.16.1' });
    expect(splitTrailingVersion('Linkerd (v2.12)')).toEqual({ name: 'Linkerd', label: '2.12' });
    expect(splitTrailingVersion('AWS App Mesh')).toBeNull();
  });

  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeEntities('&amp;&lt;&#x2713;&#10007;&check;&nbsp;&bogus;')).toBe('&<✓✗✓ &bogus;');
  });
});

describe('isOnlySupportWord: link text that names nothing', () => {
  it('is true for a bare support word or mark, false for anything that names the page', () => {
    for (const text of ['yes', 'No', '✅ Yes', 'partial', 'n/a']) expect(isOnlySupportWord(text), text).toBe(true);
    for (const text of ['Istio Tasks', 'yes, via Envoy filters', '', 'Contributing notice'])
      expect(isOnlySupportWord(text), text).toBe(false);
  });
});
