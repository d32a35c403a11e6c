import { escapeHtml } from '../../rules/escape-html';
import { cellPath, formatDate, releasePath, staleMarkText, supportBadgeClass, supportLabels } from '../../rules/format';
import { sourceHref } from '../../rules/sources';
import { supportPalette, type PaletteKey } from '../../rules/support-palette';
import type { CellValue, FeatureView } from '../matrix/matrix';
import type { EmbedView } from './embeds';

/*
 * The embeds are whole HTML documents built as strings: the root layout would wrap any page in the site's header and
 * footer, and a frame on someone else's page wants neither, nor any script. Every stored string goes through
 * escapeHtml, and every link opens a new tab: the site's own pages refuse to be framed, so a link followed inside the
 * frame would show an empty box.
 */

function attribute(name: string, value: string): string {
  return ` ${name}="${escapeHtml(value)}"`;
}

/** A link out of the frame. */
function linkHtml(href: string, text: string, extra = ''): string {
  return `<a${attribute('href', href)} target="_blank" rel="noopener"${extra}>${text}</a>`;
}

function paletteCss(scheme: 'light' | 'dark'): string {
  return (Object.entries(supportPalette[scheme]) as [PaletteKey, { background: string; text: string }][])
    .map(([key, swatch]) => `.sup-${key}{background:${swatch.background};color:${swatch.text}}`)
    .join('');
}

// System colours would follow the embedding page's scheme too, but not the palette, so both schemes are spelled out.
const styles = [
  ':root{color-scheme:light dark}',
  'body{margin:0;padding:8px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fff;color:#0f172a}',
  'h1{font-size:16px;margin:0 0 2px}',
  '.meta,.foot,.n,.m{color:#334155}',
  '.meta{margin:0 0 8px;font-size:13px}',
  'a{color:#1d4ed8;text-underline-offset:2px}',
  ':focus-visible{outline:3px solid #2563eb;outline-offset:2px}',
  '.scroll{overflow-x:auto}',
  'table{border-collapse:collapse;width:100%;font-size:13px}',
  'caption{text-align:left;font-weight:600;padding-bottom:4px}',
  'th,td{border-bottom:1px solid #e2e8f0;padding:4px 6px;text-align:left;vertical-align:top}',
  'thead th{background:#f1f5f9;position:sticky;top:0}',
  'th[scope=colgroup]{background:#f8fafc;font-size:12px;text-transform:uppercase;letter-spacing:.03em}',
  'th[scope=row]{font-weight:500;min-width:8em}',
  '.v{display:inline-block;border-radius:4px;padding:0 6px;font-weight:500;text-decoration:none}',
  '.v:hover{text-decoration:underline}',
  '.badge.sup-yes::before{content:"✓ "/""}.badge.sup-partial::before{content:"◐ "/""}',
  '.badge.sup-no::before{content:"✗ "/""}.badge.sup-unknown::before,.badge.sup-none::before{content:"? "/""}',
  '.t{font-weight:500}',
  '.n,.m{display:block;font-size:12px}',
  '.foot{font-size:12px;margin:8px 0 0}',
  paletteCss('light'),
  '@media (prefers-color-scheme:dark){',
  'body{background:#020617;color:#f1f5f9}',
  '.meta,.foot,.n,.m{color:#cbd5e1}',
  'a{color:#93c5fd}',
  'th,td{border-color:#1e293b}',
  'thead th{background:#0f172a}',
  'th[scope=colgroup]{background:#0b1222}',
  paletteCss('dark'),
  '}',
].join('');

function documentHtml(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · Mesh Matrix</title><style>${styles}</style></head><body><main>${body}</main></body></html>`;
}

function sourcesCountText(value: CellValue): string {
  const count = value.sources.filter((source) => sourceHref(source)).length;
  return count === 1 ? '1 source' : `${count} sources`;
}

/** One value: a link to its cell page (where its sources and history are), its note, how many sources it cites. */
export function embedCellHtml(
  value: CellValue | undefined,
  feature: FeatureView,
  meshSlug: string,
  label: string,
): string {
  const href = cellPath(meshSlug, label, feature.slug);
  if (!value) return linkHtml(href, 'not recorded', ' class="v badge sup-none"');
  const isText = feature.kind === 'text' || value.support === null;
  let html = isText
    ? linkHtml(href, escapeHtml(value.text?.trim() ? value.text : '(blank)'), ' class="t"')
    : linkHtml(href, supportLabels[value.support!], ` class="v ${supportBadgeClass(value.support!)}"`);
  if (value.note) html += `<span class="n">${escapeHtml(value.note)}</span>`;
  html += `<span class="m">${sourcesCountText(value)}${value.stale ? ` · ${staleMarkText}` : ''}</span>`;
  return html;
}

/** The newest change among the values shown: the date the embed's data is "as of". */
function asOfOf(view: EmbedView): string | null {
  let newest: string | null = null;
  for (const byFeature of Object.values(view.cells))
    for (const value of Object.values(byFeature)) if (!newest || value.updatedAt > newest) newest = value.updatedAt;
  return newest;
}

function asOfHtml(view: EmbedView): string {
  const asOf = asOfOf(view);
  return asOf ? ` · as of <time${attribute('datetime', asOf.slice(0, 10))}>${escapeHtml(formatDate(asOf))}</time>` : '';
}

function tableHtml(view: EmbedView, caption: string): string {
  const parts = [
    // Wide comparisons scroll sideways on a narrow frame; the region can take focus so keyboards can scroll it too.
    `<div class="scroll" tabindex="0" role="region"${attribute('aria-label', caption)}><table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">Feature</th>`,
  ];
  for (const { mesh, version } of view.columns)
    parts.push(`<th scope="col">${escapeHtml(mesh.name)} ${escapeHtml(version.label)}</th>`);
  parts.push('</tr></thead>');
  for (const category of view.categories) {
    parts.push(
      `<tbody><tr><th scope="colgroup"${attribute('colspan', String(view.columns.length + 1))}>${escapeHtml(category.name)}</th></tr>`,
    );
    for (const feature of category.features) {
      parts.push(`<tr><th scope="row">${escapeHtml(feature.name)}</th>`);
      for (const { mesh, version } of view.columns)
        parts.push(
          `<td>${embedCellHtml(view.cells[mesh.slug]?.[feature.slug], feature, mesh.slug, version.label)}</td>`,
        );
      parts.push('</tr>');
    }
    parts.push('</tbody>');
  }
  parts.push('</table></div>');
  return parts.join('');
}

function footHtml(fullPage: { href: string; text: string }): string {
  return `<p class="foot">${linkHtml(fullPage.href, escapeHtml(fullPage.text))} · From ${linkHtml('/', 'Mesh Matrix')}, the community-maintained service mesh comparison: every value cites its sources. Includes data from ${linkHtml('https://servicemesh.es', 'servicemesh.es')} by INNOQ, licensed ${linkHtml('https://creativecommons.org/licenses/by/4.0/', 'CC BY 4.0', ' rel="license noopener"')}.</p>`;
}

/** `/embed/meshes/{slug}`: one mesh's newest release. */
export function renderMeshEmbed(view: EmbedView): string {
  const { mesh, version } = view.columns[0]!;
  const title = `${mesh.name} ${version.label}`;
  const archived = mesh.status === 'archived' ? ' · archived' : '';
  const body = [
    `<h1>${escapeHtml(mesh.name)}: service mesh features</h1>`,
    `<p class="meta">Release ${linkHtml(releasePath(mesh.slug, version.label), escapeHtml(version.label))}${archived}${asOfHtml(view)}</p>`,
    tableHtml(view, `${title}: support for each feature`),
    footHtml({
      href: `/meshes/${encodeURIComponent(mesh.slug)}`,
      text: `${mesh.name} on Mesh Matrix, with every release`,
    }),
  ].join('');
  return documentHtml(title, body);
}

/** `/embed/compare?meshes=…`: two to six meshes at their newest releases. */
export function renderCompareEmbed(view: EmbedView): string {
  const names = view.columns.map(({ mesh }) => mesh.name).join(', ');
  const slugs = view.columns.map(({ mesh }) => mesh.slug).join(',');
  const body = [
    `<h1>Service meshes compared</h1>`,
    `<p class="meta">Newest releases${asOfHtml(view)}</p>`,
    tableHtml(view, `${names}: support for each feature`),
    footHtml({ href: `/compare?meshes=${encodeURIComponent(slugs)}`, text: 'This comparison on Mesh Matrix' }),
  ].join('');
  return documentHtml(`Compare ${names}`, body);
}

const errorTitles: Record<number, string> = {
  400: 'This embed’s address has a problem',
  404: 'Nothing to embed here',
  429: 'Too many requests',
  503: 'Mesh Matrix is busy',
};

/** An embed's error, as a page the frame can show: what went wrong, each parameter named, and a way to the site. */
export function renderEmbedError(
  status: number,
  error: { message: string; fieldErrors?: Record<string, string[]>; requestId?: string },
): string {
  const title = errorTitles[status] ?? 'This embed cannot be shown';
  const problems = Object.values(error.fieldErrors ?? {}).flat();
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    problems.length
      ? `<ul role="alert">${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
      : `<p role="alert">${escapeHtml(error.message)}</p>`,
    error.requestId ? `<p class="meta">Reference: <code>${escapeHtml(error.requestId)}</code></p>` : '',
    `<p class="foot">${linkHtml('/', 'Go to Mesh Matrix')}</p>`,
  ].join('');
  return documentHtml(title, body);
}
