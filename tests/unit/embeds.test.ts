import { describe, expect, it } from 'vitest';
import { badgeValueText, renderBadgeSvg, truncateText, type BadgeInput } from '@/lib/rules/badge-svg';
import { supportPalette } from '@/lib/rules/support-palette';
import { renderCompareEmbed, renderEmbedError, renderMeshEmbed } from '@/lib/server/embeds/embed-html';
import type { EmbedView } from '@/lib/server/embeds/embeds';
import { embedCompareQuerySchema } from '@/lib/server/embeds/schemas';
import { parseQuery } from '@/lib/rules/query';
import { BadRequestError } from '@/lib/rules/errors';
import { cellValue } from '../support/cell-value';
import { xmlWellFormedProblem } from '../support/xml-well-formed';

const hostile = `<script>alert(1)</script> & "quotes" 'apos' ]]> <!-- x --> \u0001 \uD800`;

const badge = (overrides: Partial<BadgeInput> = {}): BadgeInput => ({
  meshName: 'Istio',
  featureName: 'mTLS',
  kind: 'support',
  value: { support: 'yes', text: null },
  href: '/meshes/istio/1.24/mtls',
  ...overrides,
});

/** The fill a badge's value rectangle gets from its style sheet in light and in dark. */
function valueFills(svg: string): { light: string; dark: string } {
  const style = /<style>(.*)<\/style>/.exec(svg)![1]!;
  const [light, dark] = style.split('@media (prefers-color-scheme: dark)');
  const fill = (css: string) => /\.v\{fill:(#[0-9a-f]{6})\}/.exec(css)![1]!;
  return { light: fill(light!), dark: fill(dark!) };
}

describe('badges', () => {
  it('stay well-formed XML whatever the names and values hold', () => {
    for (const input of [
      badge({ meshName: hostile, featureName: hostile }),
      badge({ kind: 'text', value: { support: null, text: hostile } }),
      badge({ href: `/meshes/a/b/${hostile}` }),
      badge({ value: undefined, meshName: '&amp; &lt;', featureName: 'x'.repeat(500) }),
    ]) {
      const svg = renderBadgeSvg(input);
      expect(xmlWellFormedProblem(svg), svg).toBeNull();
      expect(svg).not.toContain('<script');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
  });

  it('keep the markup typed into a name as text, in the title too', () => {
    const svg = renderBadgeSvg(badge({ featureName: '<b>mTLS</b> & more' }));
    expect(svg).toContain('<title id="badge-title">Istio · &lt;b&gt;mTLS&lt;/b&gt; &amp; more · yes</title>');
  });

  it.each([
    ['yes', { support: 'yes', text: null }],
    ['partial', { support: 'partial', text: null }],
    ['no', { support: 'no', text: null }],
    ['unknown', { support: 'unknown', text: null }],
  ] as const)('colour a %s value with its palette entry in light and dark', (key, value) => {
    const svg = renderBadgeSvg(badge({ value }));
    expect(valueFills(svg)).toEqual({
      light: supportPalette.light[key].background,
      dark: supportPalette.dark[key].background,
    });
    expect(svg).toContain(`>${key}</text>`);
  });

  it('give each support level a colour of its own', () => {
    const fills = (['yes', 'partial', 'no', 'unknown'] as const).map(
      (support) => valueFills(renderBadgeSvg(badge({ value: { support, text: null } }))).light,
    );
    expect(new Set(fills).size).toBe(4);
  });

  it('show a text row’s text, cut with an ellipsis, and say when nothing is recorded', () => {
    const long = 'Kubernetes, Nomad, ECS, virtual machines and bare metal';
    const svg = renderBadgeSvg(badge({ kind: 'text', value: { support: null, text: long } }));
    expect(svg).toContain('>Kubernetes, Nomad, ECS, vir…</text>');
    expect(svg).toContain(`<title id="badge-title">Istio · mTLS · ${long}</title>`);
    expect(valueFills(svg).light).toBe(supportPalette.light.text.background);
    expect(badgeValueText({ kind: 'support', value: undefined })).toBe('not recorded');
    expect(valueFills(renderBadgeSvg(badge({ value: undefined }))).light).toBe(supportPalette.light.none.background);
  });

  it('link the whole badge to the cell page', () => {
    const svg = renderBadgeSvg(badge({ href: '/meshes/istio/1.24/mtls?a=1&b=2' }));
    expect(svg).toMatch(
      /<a href="\/meshes\/istio\/1\.24\/mtls\?a=1&amp;b=2" xlink:href="[^"]+"[^>]*>.*<rect.*<\/a><\/svg>$/,
    );
  });

  it('cut text by characters, never inside a surrogate pair', () => {
    expect(truncateText('😀'.repeat(10), 4)).toBe('😀😀😀…');
    expect(truncateText('  a \n b  ', 10)).toBe('a b');
  });
});

const view = (overrides: Partial<EmbedView['cells'][string]> = {}): EmbedView => ({
  columns: [
    {
      mesh: { slug: 'istio', name: 'Istio <Mesh> & Co', status: 'active', homepage: null },
      version: { id: 1, label: '1.24', releasedOn: null, createdAt: '2024-01-01T00:00:00.000Z' },
    },
  ],
  categories: [
    {
      slug: 'security',
      name: 'Security & <Trust>',
      features: [
        { id: 1, slug: 'mtls', name: 'mTLS <b>', definition: 'd', referenceUrl: null, kind: 'support' },
        { id: 2, slug: 'platforms', name: 'Platforms', definition: 'd', referenceUrl: null, kind: 'text' },
        { id: 3, slug: 'jwt', name: 'JWT', definition: 'd', referenceUrl: null, kind: 'support' },
      ],
    },
  ],
  cells: {
    istio: {
      mtls: cellValue({
        note: hostile,
        updatedAt: '2024-03-05T10:00:00.000Z',
        sources: [
          { url: 'https://a.example/', title: 'a' },
          { url: 'https://b.example/', title: 'b' },
        ],
      }),
      platforms: cellValue({ support: null, text: hostile }),
      ...overrides,
    },
  },
});

describe('embeds', () => {
  it('escape every stored string and carry no script', () => {
    const html = renderMeshEmbed(view());
    expect(html).not.toMatch(/<script|<b>|<Mesh>|<Trust>/);
    expect(html).toContain('Istio &lt;Mesh&gt; &amp; Co');
    expect(html).toContain('Security &amp; &lt;Trust&gt;');
  });

  it('link each value to its cell page in a new tab, with its sources counted and the newest change as the date', () => {
    const html = renderMeshEmbed(view());
    expect(html).toContain(
      '<a href="/meshes/istio/1.24/mtls" target="_blank" rel="noopener" class="v badge sup-yes">yes</a>',
    );
    expect(html).toContain('2 sources');
    expect(html).toContain(
      '<a href="/meshes/istio/1.24/jwt" target="_blank" rel="noopener" class="v badge sup-none">not recorded</a>',
    );
    expect(html).toContain('as of <time datetime="2024-03-05">5 Mar 2024</time>');
    expect(html).toContain('CC BY 4.0');
    expect(html).toContain('<caption>');
    expect(html).toContain('<th scope="row">mTLS &lt;b&gt;</th>');
    // No link may navigate the frame itself: the site's pages refuse to be framed.
    const links = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(link).toContain('target="_blank"');
  });

  it('put compared meshes side by side, each value under its mesh', () => {
    const base = view();
    const linkerd = {
      mesh: { slug: 'linkerd', name: 'Linkerd', status: 'active' as const, homepage: null },
      version: { id: 2, label: '2.14', releasedOn: null, createdAt: '2024-01-01T00:00:00.000Z' },
    };
    const html = renderCompareEmbed({
      ...base,
      columns: [...base.columns, linkerd],
      cells: { ...base.cells, linkerd: { jwt: cellValue({ support: 'no' }) } },
    });
    expect(html).toContain('<th scope="col">Linkerd 2.14</th>');
    expect(html).toContain(
      'href="/meshes/linkerd/2.14/jwt" target="_blank" rel="noopener" class="v badge sup-no">no</a>',
    );
    expect(html).toContain('href="/compare?meshes=istio%2Clinkerd"');
  });

  it('show an error as a page naming each problem, escaped', () => {
    const html = renderEmbedError(400, { message: 'x', fieldErrors: { meshes: [`meshes names ${hostile}`] } });
    expect(html).toContain('<li>meshes names &lt;script&gt;');
    expect(html).not.toContain('<script');
  });

  it('take two to six distinct meshes', () => {
    const parse = (meshes: string) => parseQuery(embedCompareQuerySchema, new URLSearchParams({ meshes }));
    expect(parse('istio, linkerd')).toEqual({ meshes: ['istio', 'linkerd'] });
    for (const bad of ['istio', 'a,b,c,d,e,f,g', 'istio,istio', 'istio,<script>', 'istio@1.9,linkerd']) {
      expect(() => parse(bad), bad).toThrow(BadRequestError);
      try {
        parse(bad);
      } catch (error) {
        expect(Object.keys((error as BadRequestError).fieldErrors)[0], bad).toMatch(/^meshes/);
      }
    }
  });
});
