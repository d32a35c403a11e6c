/**
 * Hostile input for table imports. A dry run writes nothing, so hostile tables are also read all the way to the
 * report; `intent=import` cases must be refused.
 */
import { script, long, type FormEntry } from './types';

/** A table the importer would accept (the sweep only ever dry-runs it, or breaks another field). */
const importableTable = [
  '| Feature | Kuma |',
  '| --- | --- |',
  '| Version | 0.2 |',
  '| Governance | Kong (hostile-input sweep) |',
].join('\n');
/** Cells with markup and links of every unsafe scheme: the report must show text, and no link but http(s). */
const hostileMarkdownTable = [
  '| Feature | Kuma |',
  '| --- | --- |',
  '| Version | 0.2 |',
  `| Governance | ${script} [docs](javascript:alert(document.domain)) [more](JaVaScRiPt:alert(1)) <img src=x onerror="alert(1)"> |`,
  `| Open source | yes <a href="data:text/html,${script}">see</a> <a href=" javascript:alert(1)">this</a> [vb](vbscript:msgbox(1)) |`,
  `| ${script} | yes |`,
].join('\n');
/** A column the importer cannot place, named with markup. */
const hostileColumnTable = `| Feature | Kuma | <b onmouseover="alert(1)">Evil Mesh</b> ${script} |\n| --- | --- | --- |\n| mTLS | yes | no |`;
const hostileHtmlTable = [
  '<table><tr><th>Feature</th><th>Kuma</th></tr><tr><td>Version</td><td>0.2</td></tr>',
  `<tr><td>Governance</td><td>${script}<a href="javascript:alert(document.domain)">docs</a> <a href="&#106;avascript:alert(1)">encoded</a> <iframe src="javascript:alert(1)"></iframe></td></tr>`,
  '<tr><td>Open source</td><td><b onmouseover="alert(1)">yes</b> <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">b64</a></td></tr></table>',
].join('\n');

export const formEntries: FormEntry[] = [
  {
    route: 'admin/import',
    action: 'importTableAction',
    as: 'ada',
    page: () => '/admin/import',
    submit: (page) => page.getByRole('button', { name: 'Dry run' }),
    form: () => ({ intent: 'dry-run', table: '', source: '', date: '', title: '', mode: 'publish' }),
    browserOnly: 'a dry run answers with its report, a page of its own',
    valid: { table: importableTable, source: 'https://example.org/sweep', date: '2024-05-01', title: 'Sweep' },
    cases: () => [
      {
        name: 'a hostile Markdown table, dry run',
        set: { table: hostileMarkdownTable },
        shows: /Dry run, nothing written/,
      },
      { name: 'a hostile HTML table, dry run', set: { table: hostileHtmlTable }, shows: /Dry run, nothing written/ },
      {
        name: 'a hostile table imported with a bad date',
        set: { table: hostileMarkdownTable, intent: 'import', date: '2024-13-01' },
        shows: /date is not a real date/,
      },
      // Markup in a heading is read as its text; the name to settle is that text, shown as text.
      { name: 'markup as mesh column, dry run', set: { table: hostileColumnTable }, shows: /Column “Evil Mesh”/ },
      {
        name: 'markup as mesh column, imported mapped to no mesh',
        set: {
          table: hostileColumnTable,
          intent: 'import',
          'choice-kind-0': 'column',
          'choice-heading-0': 'Evil Mesh',
          'choice-value-0': 'map:nosuchmesh',
        },
        shows: /"Evil Mesh" is to be mapped to "nosuchmesh", which is not a mesh/,
      },
      {
        name: 'ragged rows, imported',
        set: { table: '| Feature | Kuma |\n| --- | --- |\n| mTLS | yes | no |', intent: 'import' },
        shows: /the row has 3 cells where the header has 2/,
      },
      { name: 'no table', set: { table: '' }, shows: /table is empty: upload a file or paste a table/ },
      // One over-size case: each sends megabytes, and the dry run is refused by the same check.
      {
        name: 'an over-size paste, imported',
        set: { table: long(3.1 * 1024 * 1024), intent: 'import' },
        shows: /table is 3\.1 MB; pasted tables can be up to 3 MB/,
      },
      { name: 'a script as mode', set: { mode: script, intent: 'import' }, shows: /mode must be publish or review/ },
      {
        name: 'a choice for a kind of name there is not',
        set: { 'choice-kind-0': 'mesh', 'choice-heading-0': 'Kuma', 'choice-value-0': 'create' },
        shows: /choice-kind-0 must be column or row/,
      },
      {
        name: 'a script as a choice',
        set: { 'choice-kind-0': 'row', 'choice-heading-0': 'Governance', 'choice-value-0': script, intent: 'import' },
        shows: /choice-value-0 must be empty \(leave out\), create or map:<slug>/,
      },
      {
        name: 'a choice without a heading',
        set: { 'choice-kind-0': 'row', 'choice-value-0': 'create', intent: 'import' },
        shows: /choice-heading-0 is required/,
      },
      {
        name: 'an over-long choice heading',
        set: { 'choice-kind-0': 'row', 'choice-heading-0': long(301), 'choice-value-0': 'create' },
        shows: /choice-heading-0 must be at most 300 characters/,
      },
      {
        name: 'a choice field of no choice',
        set: { 'choice-evil-0': script },
        shows: /choice-evil-0 is not a field this accepts/,
      },
      {
        name: 'a choice mapping to a script slug',
        set: {
          'choice-kind-0': 'row',
          'choice-heading-0': 'Governance',
          'choice-value-0': `map:${script}`,
          intent: 'import',
        },
        shows: /slug must be lowercase letters, digits and single hyphens/,
      },
      {
        name: 'a choice mapping to a row we do not have',
        set: {
          'choice-kind-0': 'row',
          'choice-heading-0': 'Governance',
          'choice-value-0': 'map:nosuchrow',
          intent: 'import',
        },
        shows: /"Governance" is to be mapped to "nosuchrow", which is not a row/,
      },
      {
        name: 'a javascript: source',
        set: { source: 'javascript:alert(1)', intent: 'import' },
        shows: /source must start with http:\/\/ or https:\/\//,
      },
      {
        name: 'a data: source',
        set: { source: `data:text/html,${script}` },
        shows: /source must start with http:\/\/ or https:\/\//,
      },
      { name: 'no source', set: { source: '' }, shows: /source is required: the URL where the table is published/ },
      {
        name: 'an over-long source',
        set: { source: `https://example.com/${long(2100)}` },
        shows: /source is longer than 2048 characters/,
      },
      {
        name: 'a bad date',
        set: { date: 'yesterday', intent: 'import' },
        shows: /date must be a date like 2024-05-31/,
      },
      { name: 'February 30th', set: { date: '2023-02-30' }, shows: /date is not a real date/ },
      { name: 'a future date', set: { date: '2999-01-01', intent: 'import' }, shows: /date is in the future/ },
      { name: 'a script as date', set: { date: script }, shows: /date must be a date like 2024-05-31/ },
      { name: 'no date', set: { date: '' }, shows: /date must be a date like 2024-05-31/ },
      {
        name: 'an over-long title',
        set: { title: long(201), intent: 'import' },
        shows: /title must be at most 200 characters/,
      },
      { name: 'a contributor importing', as: 'alice', set: { intent: 'import' }, shows: /Only admins can do this/ },
    ],
  },
];
