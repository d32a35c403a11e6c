import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCell } from '@/lib/rules/tables/cell-values';
import { readHeading } from '@/lib/rules/tables/heading';
import { parseTable } from '@/lib/rules/tables/parse-table';
import type { ParsedTable, TableRow } from '@/lib/rules/tables/table';
import { transposeTable } from '@/lib/rules/tables/transpose';

function parsed(input: string): ParsedTable {
  const result = parseTable(input);
  expect(result.problems).toEqual([]);
  expect(result.table).not.toBeNull();
  return result.table!;
}
const lines = (...parts: string[]) => parts.join('\n');

const corpusDir = path.resolve(process.cwd(), 'tests/fixtures/import/corpus');
const corpusSource = (file: string) => fs.readFileSync(path.join(corpusDir, file), 'utf8');
const corpus = (file: string) => parsed(corpusSource(file));

const names = (row: TableRow | undefined) => row!.cells.map((c) => c.name);
const texts = (row: TableRow | undefined) => row!.cells.map((c) => c.text);
const rowNamed = (table: ParsedTable, name: string) => {
  const row = table.rows.find((r) => r.cells[0]?.name === name);
  expect(row, `row ${name}`).toBeDefined();
  return row!;
};
/** How the cell at `row`, `column` reads as a yes/no row, with the table's footnotes. */
const supportAt = (table: ParsedTable, row: string, column: number) =>
  readCell(rowNamed(table, row).cells[column]!.text, 'support', table.footnotes);
const categories = (table: ParsedTable) => table.rows.filter((r) => r.category).map((r) => r.cells[0]!.name);
const headerFlags = (table: ParsedTable) => table.rows.map((r) => [r.header, r.category]);
const firstCell = (html: string) => {
  const table = parsed(`<table><tr><th></th><th>Istio</th></tr><tr><th>${html}</th><td>yes</td></tr></table>`);
  return table.rows[1]!.cells[0]!;
};

const mightBePossible = 'Might be possible through manual configuration/templating of proxy';

describe('cells read as headings: name, explanation, markers', () => {
  it('keeps an explanation in <small>, after <br>, or in a classed <span> apart from the name, and joins both in the text', () => {
    expect(firstCell('Mesh Expansion<small class="form-text">Extension of the mesh by VMs</small>')).toEqual({
      text: 'Mesh Expansion Extension of the mesh by VMs',
      links: [],
      name: 'Mesh Expansion',
      explanation: 'Extension of the mesh by VMs',
      markers: [],
    });
    expect(firstCell('Multi-Cluster Mesh<br/>Control and observe multiple clusters')).toMatchObject({
      name: 'Multi-Cluster Mesh',
      explanation: 'Control and observe multiple clusters',
      text: 'Multi-Cluster Mesh Control and observe multiple clusters',
    });
    expect(firstCell('Retry &amp; Timeout <span class="hint">per route</span>')).toMatchObject({
      name: 'Retry & Timeout',
      explanation: 'per route',
    });
    expect(
      firstCell('<div>Circuit Breaking</div><div class="desc">Stops calling a failing upstream</div>'),
    ).toMatchObject({
      name: 'Circuit Breaking',
      explanation: 'Stops calling a failing upstream',
    });
  });

  it('reads a classed span inside the name, and a <small> that only holds a marker, as part of the name', () => {
    expect(firstCell('Retry <span class="amp">&amp;</span> Timeout')).toMatchObject({
      name: 'Retry & Timeout',
      explanation: null,
    });
    expect(firstCell('Traefik Mesh<small>*</small>')).toMatchObject({
      name: 'Traefik Mesh',
      text: 'Traefik Mesh*',
      explanation: null,
      markers: ['*'],
    });
  });

  it('joins inline elements without a space and keeps the links of an explanation', () => {
    const vault = '<a href="https://www.vaultproject.io">Vault</a>';
    const explanation = `<small class="form-text">e.g. ${vault}, cert-manager</small>`;
    const cell = firstCell(`External CA <b>certificate</b> and key pluggable ${explanation}`);
    expect(cell.name).toBe('External CA certificate and key pluggable');
    expect(cell.explanation).toBe('e.g. Vault, cert-manager');
    expect(cell.links).toEqual([{ url: 'https://www.vaultproject.io', title: 'Vault' }]);
    const golden = firstCell('<a href="https://sre.google/">"Golden Signal"</a> Metrics Generation');
    expect(golden.name).toBe('"Golden Signal" Metrics Generation');
  });

  it('uses a title attribute, of the cell or of an element wrapping the name, when there is no other explanation', () => {
    const table = parsed(
      lines(
        '<table><tr><th></th><th>Istio</th></tr>',
        '<tr><th title="Weighted routing">Traffic Split</th><td>yes</td></tr></table>',
      ),
    );
    expect(table.rows[1]!.cells[0]).toMatchObject({
      name: 'Traffic Split',
      explanation: 'Weighted routing',
      text: 'Traffic Split',
    });
    expect(firstCell('<abbr title="Mutual TLS">mTLS</abbr>')).toMatchObject({
      name: 'mTLS',
      explanation: 'Mutual TLS',
      text: 'mTLS',
    });
    expect(firstCell('<abbr title="Mutual TLS">mTLS</abbr><small>between workloads</small>').explanation).toBe(
      'between workloads',
    );
    expect(firstCell('<a href="/wiki/Istio" title="Istio">Istio</a>').explanation).toBeNull();
  });

  it('takes trailing footnote markers off the name and lists every marker of the cell in order', () => {
    expect(firstCell('Istio*')).toMatchObject({ name: 'Istio', text: 'Istio*', markers: ['*'] });
    expect(firstCell('Kuma [1]')).toMatchObject({ name: 'Kuma', markers: ['[1]'] });
    expect(firstCell('Consul<sup>2</sup>')).toMatchObject({ name: 'Consul', text: 'Consul²', markers: ['²'] });
    expect(firstCell('Consul&dagger;&Dagger;')).toMatchObject({ name: 'Consul', markers: ['†', '‡'] });
    expect(firstCell('Linkerd<sup class="reference"><a href="#cite_note-a">[a]</a></sup>')).toMatchObject({
      name: 'Linkerd',
      text: 'Linkerd',
      links: [],
      markers: ['[a]'],
    });
    expect(firstCell('5 * 3 rule').markers).toEqual([]);
  });

  it('reads a logo-only cell as its alt text, and a logo beside a name as the name', () => {
    expect(firstCell('<img src="istio.svg" alt="istio-logo">')).toMatchObject({
      name: 'istio-logo',
      text: 'istio-logo',
    });
    expect(firstCell('<img src="consul.svg" alt="Consul logo"><br>Consul')).toMatchObject({
      name: 'Consul',
      explanation: null,
    });
  });

  it('reads Markdown headings without emphasis and link markup, and keeps a link title as the explanation', () => {
    const table = parsed(
      lines(
        '| Feature | **Linkerd** | [Istio](https://istio.io "The Istio project") | Kuma¹ |',
        '|---|---|---|---|',
        '| mTLS<br>Mutual TLS | yes | yes | yes |',
      ),
    );
    expect(names(table.rows[0])).toEqual(['Feature', 'Linkerd', 'Istio', 'Kuma']);
    expect(table.rows[0]!.cells[2]).toMatchObject({
      explanation: 'The Istio project',
      links: [{ url: 'https://istio.io', title: 'Istio' }],
    });
    expect(table.rows[0]!.cells[3]!.markers).toEqual(['¹']);
    expect(table.rows[1]!.cells[0]).toMatchObject({ name: 'mTLS', explanation: 'Mutual TLS', text: 'mTLS Mutual TLS' });
  });

  it('never reads a `*` inside a URL or code as emphasis, and resolves reference links', () => {
    const table = parsed(
      lines(
        '| Feature | Istio |',
        '|---|---|',
        '| Service Proxy | [Envoy](https://example.com/_a_/*b*) `*x*` [docs][istio] |',
        '',
        '[istio]: https://istio.io/latest/docs/',
      ),
    );
    const cell = table.rows[1]!.cells[1]!;
    expect(cell.text).toBe('Envoy *x* docs');
    expect(cell.links).toEqual([
      { url: 'https://example.com/_a_/*b*', title: 'Envoy' },
      { url: 'https://istio.io/latest/docs/', title: 'docs' },
    ]);
    expect(table.footnotes).toEqual({});
  });

  it('gives plain cells a name equal to their text and no explanation', () => {
    const table = parsed(lines('| Feature | Istio |', '|---|---|', '| License | Apache License 2.0 |'));
    for (const cell of table.rows.flatMap((r) => r.cells)) {
      expect(cell.name).toBe(cell.text);
      expect(cell.explanation).toBeNull();
      expect(cell.markers).toEqual([]);
    }
  });
});

describe('rows: header, category', () => {
  it('flags <thead> rows and the Markdown header line as header rows', () => {
    const html = parsed(
      lines(
        '<table><thead><tr><th></th><th>Istio</th><th>Kuma</th></tr></thead>',
        '<tbody><tr><td>TCP</td><td>yes</td><td>yes</td></tr></tbody></table>',
      ),
    );
    expect(headerFlags(html)).toEqual([
      [true, false],
      [false, false],
    ]);
    const markdown = parsed(lines('| | Istio | Kuma |', '|-|-|-|', '| TCP | yes | yes |'));
    expect(headerFlags(markdown)).toEqual([
      [true, false],
      [false, false],
    ]);
  });

  it('without <thead>, flags the leading rows of <th> cells as header rows', () => {
    const table = parsed(
      '<table><tr><th></th><th>Istio</th><th>Kuma</th></tr><tr><th>TCP</th><td>yes</td><td>yes</td></tr></table>',
    );
    expect(headerFlags(table)).toEqual([
      [true, false],
      [false, false],
    ]);
  });

  it('reads a first cell with empty (or ---) others, and a single spanning cell, as categories', () => {
    const markdown = parsed(
      lines(
        ...['| | Istio | Kuma |', '|-|-|-|', '| **Security** | --- | --- |', '| mTLS | yes | yes |'],
        ...['| Protocols | | |', '| TCP | yes | yes |'],
      ),
    );
    expect(categories(markdown)).toEqual(['Security', 'Protocols']);
    const html = parsed(
      lines(
        '<table><tr><th></th><th>Istio</th><th>Kuma</th></tr>',
        '<tr><th colspan="3">Security</th></tr>',
        '<tr><td>mTLS</td><td>yes</td><td>yes</td></tr></table>',
      ),
    );
    expect(categories(html)).toEqual(['Security']);
  });

  it('reads a later header row repeating the first one as a category named by its first cell; the first stays a header', () => {
    const html = parsed(
      lines(
        '<table><thead><tr><th>General</th><th>Istio</th><th>Kuma</th></tr></thead>',
        '<tbody><tr><td>License</td><td>Apache License 2.0</td><td>Apache License 2.0</td></tr></tbody>',
        '<thead><tr><th>Security</th><th>Istio</th><th>Kuma</th></tr></thead>',
        '<tbody><tr><td>mTLS</td><td>yes</td><td>yes</td></tr></tbody>',
        '<thead><tr><th>Supported Protocols</th></tr></thead>',
        '<tbody><tr><td>TCP</td><td>yes</td><td>yes</td></tr></tbody>',
        '<thead><tr><th></th><th>Istio</th><th>Kuma</th></tr></thead>',
        '</table>',
      ),
    );
    expect(html.rows.map((r) => [r.cells[0]!.name, r.header, r.category])).toEqual([
      ['General', true, false],
      ['License', false, false],
      ['Security', true, true],
      ['mTLS', false, false],
      ['Supported Protocols', true, true],
      ['TCP', false, false],
      ['', true, false],
    ]);
  });

  it('keeps a two-row grouped header as two header rows with the group cells spread over their columns', () => {
    const table = parsed(
      lines(
        '<table><thead>',
        '<tr><th></th><th colspan="2">Open source</th><th>Managed</th></tr>',
        '<tr><th>Feature</th><th>Istio</th><th>Linkerd</th><th>AWS App Mesh</th></tr>',
        '</thead><tbody><tr><td>mTLS</td><td>yes</td><td>yes</td><td>yes</td></tr></tbody></table>',
      ),
    );
    expect(table.width).toBe(4);
    expect(headerFlags(table)).toEqual([
      [true, false],
      [true, false],
      [false, false],
    ]);
    expect(texts(table.rows[0])).toEqual(['', 'Open source', 'Open source', 'Managed']);
    expect(table.rows[0]!.cells[1]).toBe(table.rows[0]!.cells[2]);
  });

  it('never reads a <tfoot> row as a row, even one that repeats the header', () => {
    const table = parsed(
      lines(
        '<table><tfoot><tr><th>Feature</th><th>Istio</th></tr><tr><td colspan="2">Source: vendor docs</td></tr></tfoot>',
        '<tr><th>Feature</th><th>Istio</th></tr><tr><td>mTLS</td><td>yes</td></tr></table>',
      ),
    );
    expect(table.rows.map((r) => r.cells[0]!.text)).toEqual(['Feature', 'mTLS']);
    expect(table.footnoteNotes).toEqual(['Source: vendor docs']);
  });
});

describe('footnotes', () => {
  it('reads <tfoot> lines starting with a marker as footnotes and the others as notes', () => {
    const table = parsed(
      lines(
        '<table><tr><th></th><th>Consul</th><th>Kuma</th></tr>',
        '<tr><td>Fault Injection</td><td>no*</td><td>yes<sup>1</sup></td></tr>',
        `<tfoot><tr><td colspan="100%"><small class="form-text">*${mightBePossible}</small></td></tr>`,
        '<tr><td colspan="3"><sup>1</sup> since Kuma 2.0<br>[a]: only on Kubernetes<br>Last updated 2023</td></tr></tfoot></table>',
      ),
    );
    expect(table.footnotes).toEqual({ '*': mightBePossible, '¹': 'since Kuma 2.0', '[a]': 'only on Kubernetes' });
    expect(table.footnoteNotes).toEqual(['Last updated 2023']);
    expect(table.rows).toHaveLength(2);
    const cells = table.rows[1]!.cells;
    expect([cells[1]!.text, cells[1]!.markers, cells[2]!.text, cells[2]!.markers]).toEqual([
      'no*',
      ['*'],
      'yes¹',
      ['¹'],
    ]);
    expect(supportAt(table, 'Fault Injection', 2)).toMatchObject({ support: 'yes', note: 'since Kuma 2.0' });
  });

  it('reads paragraphs and small elements after an HTML table that start with a marker, up to the next table', () => {
    const table = parsed(
      lines(
        '<table><tr><th></th><th>Consul</th></tr><tr><td>Circuit Breaking</td><td>no* †</td></tr></table>',
        `<p>*${mightBePossible}.</p>`,
        '<p><small>&dagger; Consul 1.9 and later</small></p>',
        '<p>Found a mistake? Open an issue.</p>',
        '<table><tr><td>x</td></tr></table><p>‡ belongs to the second table</p>',
      ),
    );
    expect(table.footnotes).toEqual({ '*': `${mightBePossible}.`, '†': 'Consul 1.9 and later' });
    expect(table.footnoteNotes).toEqual([]);
  });

  it('reads Markdown footnote lines under the table in every form, but not emphasis, link definitions or unused bullets', () => {
    const table = parsed(
      lines(
        '* Istio: the reference mesh',
        '',
        '| | Consul | Kuma | Linkerd | Istio |',
        '|-|-|-|-|-|',
        '| Fault Injection | no* | partial [1] | yes¹ | yes† |',
        '| Delay Injection | no‡ | [^2] | no [a] | yes |',
        '',
        '*= Might be possible through manual configuration',
        '† only with Envoy filters',
        '‡: since 1.9',
        '¹ in an extension',
        '[1]: HTTP/2',
        '[a] for Kubernetes',
        '[^2]: see the docs',
        '[3]: https://linkerd.io/2/features/',
        '**Note:** taken from the docs',
        '- a bullet',
        '+ another',
      ),
    );
    expect(table.footnotes).toEqual({
      '*': 'Might be possible through manual configuration',
      '†': 'only with Envoy filters',
      '‡': 'since 1.9',
      '¹': 'in an extension',
      '[1]': 'HTTP/2',
      '[a]': 'for Kubernetes',
      '[^2]': 'see the docs',
    });
    expect(table.footnoteNotes).toEqual([]);
  });

  it('takes a `* text` line under a Markdown table as a footnote only when a cell carries `*`', () => {
    const unused = parsed(lines('| | Istio |', '|-|-|', '| mTLS | yes |', '', '* Istio: https://istio.io'));
    expect(unused.footnotes).toEqual({});
    const used = parsed(
      lines('| | Consul |', '|-|-|', '| Delay Injection | no* |', '', '* Might be possible through manual config'),
    );
    expect(used.footnotes).toEqual({ '*': 'Might be possible through manual config' });
  });
});

describe('readHeading', () => {
  it.each([
    ['Traefik Mesh (formerly Maesh)', 'Traefik Mesh', 'formerly Maesh', []],
    ['Traefik Mesh, formerly Maesh', 'Traefik Mesh', 'formerly Maesh', []],
    ['Open Service Mesh (OSM)', 'Open Service Mesh', 'OSM', []],
    ['Consul (beta)', 'Consul', 'beta', []],
    ['Istio*', 'Istio', null, ['*']],
    ['Kuma [1]', 'Kuma', null, ['[1]']],
    ['Kuma* (beta)†', 'Kuma', 'beta', ['*', '†']],
    ['Gloo Mesh¹²', 'Gloo Mesh', null, ['¹', '²']],
    ['**Linkerd**', 'Linkerd', null, []],
    ['[Istio](https://istio.io)', 'Istio', null, []],
    ['<a href="https://kuma.io">Kuma</a>', 'Kuma', null, []],
    ['istio-logo', 'Istio', null, []],
    ['Istio logo', 'Istio', null, []],
    ['istio-blue-logo', 'Istio', null, []],
    ['aws-app-mesh-logo.svg', 'Aws App Mesh', null, []],
    ['NGINX Service Mesh (NSM) logo', 'NGINX Service Mesh', 'NSM', []],
    ['Istio 1.9', 'Istio 1.9', null, []],
    ['Istio (1.9)', 'Istio (1.9)', null, []],
    ['Linkerd (v2.12)', 'Linkerd (v2.12)', null, []],
    ['Linkerd 1.x', 'Linkerd 1.x', null, []],
    ['Retry & Timeout', 'Retry & Timeout', null, []],
    ['HTTP/1.1+', 'HTTP/1.1+', null, []],
  ])('%s -> %s', (heading, name, qualifier, markers) => {
    expect(readHeading(heading)).toEqual({ name, qualifier, markers });
  });
});

describe('transposeTable', () => {
  it('turns meshes as rows into meshes as columns, keeping footnotes and lines', () => {
    const table = parsed(
      lines(
        ...[
          '| Mesh | mTLS | License |',
          '|---|---|---|',
          '| Istio | yes | Apache License 2.0 |',
          '| Consul | no* | BSL |',
        ],
        ...['', '*= with Vault'],
      ),
    );
    const turned = transposeTable(table);
    expect(turned.width).toBe(3);
    expect(turned.rows.map((r) => [r.line, r.header, r.category, ...texts(r)])).toEqual([
      [1, true, false, 'Mesh', 'Istio', 'Consul'],
      [1, false, false, 'mTLS', 'yes', 'no*'],
      [1, false, false, 'License', 'Apache License 2.0', 'BSL'],
    ]);
    expect(turned.footnotes).toEqual({ '*': 'with Vault' });
    expect(transposeTable(turned).rows.map(texts)).toEqual(table.rows.map(texts));
  });

  it('makes category rows of the groups above the feature names, and a grouping header row of categories among the meshes', () => {
    const table = parsed(
      lines(
        '<table><thead>',
        '<tr><th rowspan="2">Mesh</th><th rowspan="2">License</th><th colspan="2">Security</th></tr>',
        '<tr><th>mTLS</th><th>Authorization Rules</th></tr>',
        '</thead><tbody>',
        '<tr><th colspan="4">Open source</th></tr>',
        '<tr><td>Istio</td><td>Apache License 2.0</td><td>yes</td><td>yes</td></tr>',
        '<tr><th colspan="4">Managed</th></tr>',
        '<tr><td>AWS App Mesh</td><td>Closed Source</td><td>yes</td><td>no</td></tr>',
        '</tbody></table>',
      ),
    );
    const turned = transposeTable(table);
    expect(turned.rows.map((r) => [r.line, r.header, r.category, ...texts(r)])).toEqual([
      [5, true, false, '', 'Open source', 'Managed'],
      [3, true, false, 'Mesh', 'Istio', 'AWS App Mesh'],
      [3, false, false, 'License', 'Apache License 2.0', 'Closed Source'],
      [2, false, true, 'Security', '', ''],
      [3, false, false, 'mTLS', 'yes', 'yes'],
      [3, false, false, 'Authorization Rules', 'yes', 'no'],
    ]);
  });
});

describe('readCell: marks and words', () => {
  const footnotes = {
    '*': 'might be possible',
    '**': 'enterprise only',
    '†': 'in beta',
    '‡': 'since 1.9',
    '¹': 'one',
    '²': 'two',
    '[1]': 'HTTP only',
    '[a]': 'on Kubernetes',
  };

  it.each([
    ['✅', 'yes', null],
    ['✔', 'yes', null],
    ['✓', 'yes', null],
    ['☑', 'yes', null],
    ['✔️', 'yes', null],
    ['✅ Yes, via Vault', 'yes', 'via Vault'],
    ['✅Yes', 'yes', null],
    ['❌', 'no', null],
    ['✗', 'no', null],
    ['✘', 'no', null],
    ['✖', 'no', null],
    ['➖', 'no', null],
    ['⚠️', 'partial', null],
    ['⚠', 'partial', null],
    ['🟡', 'partial', null],
    ['◐', 'partial', null],
    ['⚠️ needs manual configuration', 'partial', 'needs manual configuration'],
    ['🟡 Beta', 'partial', 'Beta'],
    ['Yes (via Istio CNI)', 'yes', 'via Istio CNI'],
    ['No; BYO', 'no', 'BYO'],
    ['no*', 'no', 'might be possible'],
    ['yes**', 'yes', 'enterprise only'],
    ['yes†', 'yes', 'in beta'],
    ['no‡', 'no', 'since 1.9'],
    ['yes¹²', 'yes', 'one; two'],
    ['partial [1]', 'partial', 'HTTP only'],
    ['yes [a]', 'yes', 'on Kubernetes'],
    ['yes[7]', 'yes', null],
    ['no³', 'no', null],
  ])('%s -> %s (%s)', (text, support, note) => {
    expect(readCell(text, 'support', footnotes)).toMatchObject({ support, text: null, note, guessed: false });
  });

  it('skips not-applicable cells, with or without a marker', () => {
    for (const text of ['n/a', 'N/A', 'not applicable', 'Not applicable.', 'n/a*']) {
      expect(readCell(text, 'support', footnotes)).toBeNull();
    }
  });

  it('drops an unresolved marker from text values and resolves a known one into the note', () => {
    expect(readCell('Envoy*', 'text')).toEqual({ support: null, text: 'Envoy', note: null, guessed: false });
    expect(readCell('Envoy [a]', 'text', footnotes)).toEqual({
      support: null,
      text: 'Envoy',
      note: 'on Kubernetes',
      guessed: false,
    });
    expect(readCell('*', 'support', footnotes)).toEqual({
      support: 'unknown',
      text: null,
      note: 'might be possible',
      guessed: false,
    });
  });
});

describe('the corpus', () => {
  const features = ['mTLS', 'Traffic Split', 'Circuit Breaking', 'Multi-Cluster Mesh', 'License', 'Service Proxy'];

  it('a: a Markdown README table with meshes as rows, read turned round', () => {
    const table = corpus('a-transposed-readme.md');
    expect(table.line).toBe(5);
    expect(table.rows).toHaveLength(7);
    expect(categories(table)).toEqual([]);
    expect(names(table.rows[0])).toEqual(['Mesh', ...features]);
    const turned = transposeTable(table);
    expect(turned.rows).toHaveLength(7);
    expect(names(turned.rows[0])).toEqual([
      'Mesh',
      'Istio',
      'Linkerd',
      'Consul',
      'Kuma',
      'Cilium',
      'Open Service Mesh',
    ]);
    expect(turned.rows.map((r) => r.cells[0]!.name)).toEqual(['Mesh', ...features]);
    expect(supportAt(turned, 'mTLS', 2)).toMatchObject({ support: 'yes', note: 'on by default' });
    expect(supportAt(turned, 'Multi-Cluster Mesh', 6)).toMatchObject({ support: 'no', note: null });
    expect(rowNamed(turned, 'Service Proxy').cells[1]!.links).toEqual([
      { url: 'https://www.envoyproxy.io', title: 'Envoy' },
    ]);
  });

  it('b: a two-row grouped header', () => {
    const table = corpus('b-grouped-header.html');
    expect(table.rows).toHaveLength(8);
    expect(headerFlags(table).slice(0, 3)).toEqual([
      [true, false],
      [true, false],
      [false, false],
    ]);
    expect(texts(table.rows[0])).toEqual(['', 'Open source', 'Open source', 'Open source', 'Managed', 'Managed']);
    expect(names(table.rows[1])).toEqual(['Feature', 'Istio', 'Linkerd', 'Kuma', 'AWS App Mesh', 'Gloo Mesh']);
    expect(categories(table)).toEqual([]);
    const apache = 'Apache License 2.0';
    expect(texts(rowNamed(table, 'License'))).toEqual([
      'License',
      apache,
      apache,
      apache,
      'Closed Source',
      'Closed Source',
    ]);
    expect(supportAt(table, 'Multi-Cluster Mesh', 4)).toMatchObject({ support: 'yes', note: 'through AWS Cloud Map' });
  });

  it('c: <tfoot> footnotes and marked cells', () => {
    const table = corpus('c-tfoot-footnotes.html');
    const deployment = 'by adding a deployment and a traffic split config';
    expect(table.rows).toHaveLength(6);
    expect(categories(table)).toEqual([]);
    expect(table.footnotes).toEqual({ '*': mightBePossible, '†': deployment });
    expect(table.footnoteNotes).toEqual(['Last updated in November 2023']);
    expect(rowNamed(table, 'Fault Injection').cells.map((c) => c.markers)).toEqual([[], [], ['†'], ['*'], [], []]);
    expect(supportAt(table, 'Fault Injection', 2)).toMatchObject({ support: 'yes', note: deployment });
    expect(supportAt(table, 'Fault Injection', 3)).toMatchObject({ support: 'no', note: mightBePossible });
    expect(supportAt(table, 'Retry & Timeout', 3)).toMatchObject({
      support: 'partial',
      guessed: true,
      note: `Timeout yes, Retry no; ${mightBePossible}`,
    });
  });

  it('d: a column of an unknown mesh is read like the others', () => {
    const table = corpus('d-unknown-mesh.md');
    expect(table.rows).toHaveLength(6);
    expect(names(table.rows[0])).toEqual(['Feature', 'Istio', 'Kuma', 'Kong Mesh', 'Consul']);
    expect(readHeading('Kong Mesh')).toEqual({ name: 'Kong Mesh', qualifier: null, markers: [] });
    expect(readCell(rowNamed(table, 'License').cells[3]!.text, 'text')).toMatchObject({ text: 'Commercial' });
  });

  it('e: near matches keep their full names', () => {
    const table = corpus('e-near-match.html');
    const headings = ['Capability', 'Istio', 'Gloo Mesh', 'Gloo Edge', 'Linkerd', 'Linkerd 1.x'];
    expect(table.rows).toHaveLength(6);
    expect(names(table.rows[0])).toEqual(headings);
    expect(table.rows[0]!.cells.map((c) => readHeading(c.name).name)).toEqual(headings);
    expect(table.footnotes).toEqual({});
    expect(supportAt(table, 'mTLS', 3)).toBeNull();
    expect(supportAt(table, 'gRPC', 5)).toMatchObject({ support: 'partial', note: null });
  });

  it('f: nested header explanations', () => {
    const table = corpus('f-nested-explanations.html');
    expect(table.rows).toHaveLength(7);
    expect(table.rows.slice(1).map((r) => [r.cells[0]!.name, r.cells[0]!.explanation])).toEqual([
      ['Mesh Expansion', 'Extension of the mesh by VMs outside the cluster'],
      ['Multi-Cluster Mesh', 'Control and observe multiple clusters'],
      ['Retry & Timeout', 'per route'],
      ['Traffic Split', 'Weighted routing between versions of a service'],
      ['mTLS', 'Mutual TLS between workloads'],
      ['Circuit Breaking', null],
    ]);
    expect(rowNamed(table, 'Mesh Expansion').cells[0]!.text).toBe(
      'Mesh Expansion Extension of the mesh by VMs outside the cluster',
    );
    expect(rowNamed(table, 'Mesh Expansion').line).toBe(12);
  });

  it('g: decorated mesh names', () => {
    const table = corpus('g-decorated-names.md');
    expect(table.rows).toHaveLength(5);
    const header = table.rows[0]!;
    const decorated = ['Open Service Mesh (OSM)', 'Traefik Mesh (formerly Maesh)', 'Kuma logo'];
    expect(names(header)).toEqual(['', 'Istio', 'Linkerd', 'Consul', ...decorated]);
    expect(header.cells.map((c) => c.markers)).toEqual([[], [], [], ['*'], [], [], []]);
    expect(header.cells[1]!.links).toEqual([{ url: 'https://istio.io', title: 'Istio' }]);
    expect(header.cells.slice(1).map((c) => readHeading(c.name))).toEqual([
      { name: 'Istio', qualifier: null, markers: [] },
      { name: 'Linkerd', qualifier: null, markers: [] },
      { name: 'Consul', qualifier: null, markers: [] },
      { name: 'Open Service Mesh', qualifier: 'OSM', markers: [] },
      { name: 'Traefik Mesh', qualifier: 'formerly Maesh', markers: [] },
      { name: 'Kuma', qualifier: null, markers: [] },
    ]);
    expect(table.footnotes).toEqual({ '*': 'Consul service mesh, formerly called Consul Connect' });
  });

  it('h: marks and worded cells', () => {
    const table = corpus('h-marks.md');
    expect(table.rows).toHaveLength(7);
    const read = (row: string) =>
      rowNamed(table, row)
        .cells.slice(1)
        .map((c) => readCell(c.text, 'support'));
    expect(read('mTLS').map((v) => v?.support)).toEqual(['yes', 'yes', 'yes', 'yes', 'partial', 'yes']);
    expect(read('Traffic Split')[4]).toMatchObject({ support: 'partial', note: null });
    expect(read('Circuit Breaking')[4]).toMatchObject({ support: 'no', note: null });
    const retry = read('Retry & Timeout');
    expect([retry[0], retry[1], retry[4]]).toMatchObject([
      { support: 'yes' },
      { support: 'yes', note: 'via ServiceProfile' },
      { support: 'no' },
    ]);
    expect(read('Mesh Expansion')[5]).toMatchObject({ support: 'no', note: 'BYO' });
    expect(read('Multi-Cluster Mesh')[5]).toBeNull();
  });

  it('i: one <thead>/<tbody> per category', () => {
    const table = corpus('i-thead-per-category.html');
    expect(table.rows).toHaveLength(9);
    expect(table.rows.map((r) => [r.cells[0]!.name, r.header, r.category])).toEqual([
      ['General', true, false],
      ['License', false, false],
      ['Service Proxy', false, false],
      ['Supported Protocols', true, true],
      ['TCP', false, false],
      ['HTTP/2', false, false],
      ['gRPC', false, false],
      ['Security Features', true, true],
      ['mTLS', false, false],
    ]);
    expect(supportAt(table, 'mTLS', 4)).toMatchObject({ support: 'yes', note: 'with manually created certs' });
  });

  it('j: Markdown footnote lines under the table', () => {
    const table = corpus('j-markdown-footnotes.md');
    expect(table.rows).toHaveLength(5);
    expect(table.footnotes).toEqual({
      '*': mightBePossible,
      '†': 'by adding a deployment and a traffic split config',
      '¹': 'since Linkerd 2.13',
      '[1]': 'only for HTTP routes',
    });
    expect(rowNamed(table, 'Delay Injection').cells.map((c) => c.markers)).toEqual([[], [], [], ['*'], [], ['[1]']]);
    expect(supportAt(table, 'Circuit Breaking', 2)).toMatchObject({ support: 'yes', note: 'since Linkerd 2.13' });
    expect(supportAt(table, 'Delay Injection', 5)).toMatchObject({ support: 'partial', note: 'only for HTTP routes' });
  });

  it('k: an HTML table with meshes as rows and grouped feature columns, read turned round', () => {
    const table = corpus('k-transposed-grouped.html');
    expect(table.rows).toHaveLength(7);
    expect(headerFlags(table).slice(0, 3)).toEqual([
      [true, false],
      [true, false],
      [false, false],
    ]);
    const turned = transposeTable(table);
    expect(turned.width).toBe(6);
    expect(turned.rows.map((r) => [r.line, r.category, r.cells[0]!.name])).toEqual([
      [9, false, 'Mesh'],
      [9, false, 'License'],
      [3, true, 'Security'],
      [9, false, 'mTLS'],
      [9, false, 'mTLS Enforcement'],
      [9, false, 'Authorization Rules'],
      [3, true, 'Supported Protocols'],
      [9, false, 'TCP'],
      [9, false, 'gRPC'],
    ]);
    expect(names(turned.rows[0])).toEqual(['Mesh', 'Istio', 'Linkerd', 'Consul', 'AWS App Mesh', 'NGINX Service Mesh']);
    expect(supportAt(turned, 'mTLS Enforcement', 4)).toMatchObject({ support: 'yes', note: 'via client policies' });
    expect(supportAt(turned, 'Authorization Rules', 4)).toMatchObject({ support: 'no' });
  });

  it('l: a Wikipedia-style table', () => {
    const result = parseTable(corpusSource('l-wikipedia.html'));
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual(['Table caption: Service mesh features']);
    const table = result.table!;
    expect(table.rows).toHaveLength(5);
    expect(headerFlags(table)[0]).toEqual([true, false]);
    expect(names(table.rows[0])).toEqual(['Service mesh', 'Developer', 'mTLS', 'Multi-cluster', 'License']);
    expect(table.rows[0]!.cells[2]!.explanation).toBe('Mutual authentication');
    const consul = rowNamed(table, 'Consul');
    expect(consul.cells[0]).toMatchObject({ text: 'Consul', markers: ['[a]'] });
    expect(consul.cells[4]!.text).toBe('Business Source License');
    expect(rowNamed(table, 'Istio').cells[2]).toMatchObject({ text: 'Yes', markers: ['[1]'], links: [] });
    const turned = transposeTable(table);
    expect(names(turned.rows[0])).toEqual(['Service mesh', 'Istio', 'Linkerd', 'Consul', 'Open Service Mesh']);
    expect(supportAt(turned, 'Multi-cluster', 4)).toMatchObject({ support: 'no' });
  });

  it('m: a Markdown table repeating its header row for each category', () => {
    const table = corpus('m-repeated-header.md');
    expect(table.rows).toHaveLength(9);
    expect(categories(table)).toEqual(['Security Features', 'Supported Protocols']);
    expect(table.rows.filter((r) => r.header).map((r) => r.line)).toEqual([1, 5, 8]);
  });

  it('n: logo headers', () => {
    const table = corpus('n-logo-header.html');
    expect(table.rows).toHaveLength(5);
    expect(headerFlags(table)[0]).toEqual([true, false]);
    const header = table.rows[0]!;
    expect(names(header)).toEqual(['', 'istio-logo', 'Linkerd logo', 'Consul', 'Cilium']);
    expect(header.cells[2]).toMatchObject({
      explanation: 'Linkerd, the ultralight service mesh',
      links: [{ url: 'https://linkerd.io', title: 'Linkerd logo' }],
    });
    expect(header.cells.slice(1).map((c) => readHeading(c.name).name)).toEqual([
      'Istio',
      'Linkerd',
      'Consul',
      'Cilium',
    ]);
  });
});

describe('the servicemesh.es table, all 107 versions', () => {
  const root = path.resolve(process.cwd(), '../shared/data/servicemesh-es');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as {
    file: string;
    commit: string;
  }[];
  const versions = manifest.map((entry) => {
    const source = fs.readFileSync(path.join(root, entry.file), 'utf8');
    return { file: entry.file, source, result: parseTable(source) };
  });
  const tables = versions.slice(1).map((v) => ({ ...v, table: v.result.table! }));
  const bodyRows = (table: ParsedTable) => table.rows.filter((r) => !r.header && !r.category);

  it('has 107 versions, the first without a table and every other one read without problems', () => {
    expect(versions).toHaveLength(107);
    expect(versions[0]!.result.table).toBeNull();
    for (const { file, result } of versions.slice(1)) {
      expect(result.problems, file).toEqual([]);
      expect(result.notes, file).toEqual([]);
      expect(result.table?.format, file).toBe('html');
    }
  });

  it('reads one header row of mesh names, then categories from the one-cell <thead>s, never from footnotes', () => {
    for (const { file, table } of tables) {
      expect(table.rows[0]!.header && !table.rows[0]!.category, file).toBe(true);
      expect(
        table.rows.filter((r) => r.header && !r.category),
        file,
      ).toHaveLength(1);
      expect(
        table.rows.filter((r) => r.category).every((r) => r.header),
        file,
      ).toBe(true);
      const categoryNames = categories(table);
      expect(categoryNames.slice(0, 1), file).toEqual(['Supported Protocols']);
      expect(
        categoryNames.filter((name) => name.startsWith('*')),
        file,
      ).toEqual([]);
      expect(categoryNames.at(-1), file).toBe('Security Features');
      for (const row of table.rows)
        expect(
          row.cells.every((c) => !c.text.startsWith('*Might')),
          file,
        ).toBe(true);
    }
  });

  it('keeps row explanations apart from the names', () => {
    const explained = new Map<string, Set<string>>();
    for (const { file, table } of tables) {
      for (const row of bodyRows(table)) {
        const { name, explanation, text } = row.cells[0]!;
        expect(name.length, `${file}: ${name}`).toBeLessThan(50);
        if (explanation) {
          expect(text, file).toBe(`${name} ${explanation}`);
          explained.set(name, (explained.get(name) ?? new Set()).add(explanation));
        } else {
          expect(text, file).toBe(name);
        }
      }
    }
    expect(Object.fromEntries([...explained].map(([name, set]) => [name, [...set]]))).toEqual({
      'Mesh Expansion': ['Extension of the Mesh by containers/VMs outside the cluster'],
      'Multi-Cluster Mesh': ['Control and observe multiple clusters'],
      'Per-Route Metrics': ['Collect values for each HTTP endpoint individually'],
      'Header- and Path-based Traffic Splits': ['Routing rules based on request header and path'],
      'Path-based Retry & Timeout': ['Different retry and timeout config for each endpoint'],
      'Path- & Method-based Retry & Timeout': ['Different retry and timeout config for each endpoint'],
      'External CA certificate and key pluggable': ['e.g. Vault, cert-manager'],
      'CNI plugin': ['to avoid pod network priviledges', 'to avoid pod network privileges'],
    });
  });

  it('names the Mesh Expansion row exactly, with its explanation, on the line it starts', () => {
    let seen = 0;
    for (const { file, source, table } of tables) {
      const row = table.rows.find((r) => r.cells[0]!.text.startsWith('Mesh Expansion'));
      if (!row) continue;
      seen++;
      expect(row.cells[0]!.name, file).toBe('Mesh Expansion');
      expect(row.cells[0]!.explanation, file).toMatch(/^Extension/);
      expect(source.split('\n')[row.line - 1], file).toMatch(/<tr>/);
      expect(source.split('\n')[row.line], file).toMatch(/Mesh Expansion/);
    }
    expect(seen).toBe(86);
  });

  it('reads the footnote, in <tfoot> or in a paragraph after the table, and resolves it in the cells', () => {
    for (const { file, source, table } of tables) {
      expect(table.footnoteNotes, file).toEqual([]);
      expect(table.footnotes, file).toEqual({
        '*': source.includes('<tfoot>') ? mightBePossible : `${mightBePossible}.`,
      });
      for (const cell of bodyRows(table).flatMap((r) => r.cells.slice(1))) {
        expect(cell.markers, `${file}: ${cell.text}`).toEqual(cell.text.endsWith('*') ? ['*'] : []);
        if (cell.text !== 'no*') continue;
        const value = readCell(cell.text, 'support', table.footnotes);
        expect(value, file).toMatchObject({ support: 'no', note: expect.stringMatching(/^Might be possible/) });
      }
    }
    expect(tables.filter((t) => t.source.includes('<tfoot>'))).toHaveLength(71);
  });

  it('reads the mesh names of the last version', () => {
    const header = tables.at(-1)!.table.rows[0]!;
    expect(names(header)).toEqual([
      '',
      'Istio',
      'Linkerd',
      'AWS App Mesh',
      'Consul',
      'Traefik Mesh (formerly Maesh)',
      'Kuma',
      'Cilium',
    ]);
    expect(readHeading(header.cells[5]!.name)).toEqual({
      name: 'Traefik Mesh',
      qualifier: 'formerly Maesh',
      markers: [],
    });
  });

  it('turns every version round and back without losing a value', () => {
    for (const { file, table } of tables) {
      const turned = transposeTable(table);
      expect(turned.width, file).toBe(bodyRows(table).length + 1);
      const back = transposeTable(turned);
      expect(back.rows.filter((r) => !r.header && !r.category).map(texts), file).toEqual(bodyRows(table).map(texts));
    }
  });
});
