import type { SupportLevel } from '@/db/schema';
import { escapeHtml } from './escape-html';
import { supportLabels } from './format';
import { paletteKeyOf, supportPalette, type PaletteKey } from './support-palette';
import { stripXmlInvalid } from './text-policy';

export interface BadgeInput {
  meshName: string;
  featureName: string;
  kind: 'support' | 'text';
  /** The cell's value in the mesh's newest release; undefined when nothing is recorded. */
  value: { support: SupportLevel | null; text: string | null } | undefined;
  /** The cell's page. */
  href: string;
}

/** Longest label part and value shown on a badge, in characters; the title holds more. */
const MAX_NAME = 32;
const MAX_VALUE = 28;
const MAX_TITLE = 300;

const HEIGHT = 20;
const PADDING = 6;

/** One line of at most `max` characters (code points, so no surrogate pair is cut), an ellipsis marking a cut. */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(stripXmlInvalid(text).replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * An estimate of a line's width in pixels at 11 px: the text is drawn with `textLength`, so the estimate sets the
 * badge's layout and the glyphs are fitted to it whatever font the viewer has.
 */
export function estimateTextWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char))
      width += 11;
    else if (char.codePointAt(0)! > 0xffff) width += 11;
    else if (/[il.,:;'|!() \u00b7]/.test(char)) width += 3.5;
    else if (/[A-Zmw@%]/.test(char)) width += 8.5;
    else width += 6.5;
  }
  return Math.ceil(width);
}

/** What the value half of a badge says. */
export function badgeValueText(input: Pick<BadgeInput, 'kind' | 'value'>): string {
  const key = paletteKeyOf(input.value, input.kind);
  if (key === 'none') return 'not recorded';
  if (key === 'text') return input.value!.text?.trim() ? input.value!.text : '(blank)';
  return supportLabels[key];
}

function swatchRules(key: PaletteKey, scheme: 'light' | 'dark'): string {
  const label =
    scheme === 'light' ? { background: '#334155', text: '#ffffff' } : { background: '#e2e8f0', text: '#0f172a' };
  const value = supportPalette[scheme][key];
  return `.l{fill:${label.background}}.lt{fill:${label.text}}.v{fill:${value.background}}.vt{fill:${value.text}}`;
}

/**
 * A shields-style badge, "Istio · mTLS | yes": the value half in the site's support colours, for light and dark
 * viewers alike (`prefers-color-scheme` inside the SVG), the whole badge a link to the cell's page. Every stored
 * string goes through escapeHtml, so a name holding `<script>` or `&` stays text and the SVG stays well-formed XML.
 */
export function renderBadgeSvg(input: BadgeInput): string {
  const key = paletteKeyOf(input.value, input.kind);
  const label = `${truncateText(input.meshName, MAX_NAME)} · ${truncateText(input.featureName, MAX_NAME)}`;
  const fullValue = badgeValueText(input);
  const value = truncateText(fullValue, MAX_VALUE);
  const title = truncateText(`${input.meshName} · ${input.featureName} · ${fullValue}`, MAX_TITLE);
  const labelText = estimateTextWidth(label);
  const valueText = estimateTextWidth(value);
  const labelWidth = labelText + 2 * PADDING;
  const valueWidth = valueText + 2 * PADDING;
  const width = labelWidth + valueWidth;
  const light = supportPalette.light[key];
  const href = escapeHtml(input.href);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-labelledby="badge-title">`,
    `<title id="badge-title">${escapeHtml(title)}</title>`,
    `<style>${swatchRules(key, 'light')}@media (prefers-color-scheme: dark){${swatchRules(key, 'dark')}}text{font:11px Verdana,'DejaVu Sans',sans-serif}</style>`,
    `<clipPath id="badge-round"><rect width="${width}" height="${HEIGHT}" rx="3"/></clipPath>`,
    // Both link attributes: `href` is SVG 2, older renderers read only `xlink:href`.
    `<a href="${href}" xlink:href="${href}" target="_top">`,
    `<g clip-path="url(#badge-round)"><rect class="l" fill="#334155" width="${labelWidth}" height="${HEIGHT}"/>`,
    `<rect class="v value-${key}" fill="${light.background}" x="${labelWidth}" width="${valueWidth}" height="${HEIGHT}"/></g>`,
    `<g aria-hidden="true"><text class="lt" fill="#ffffff" x="${PADDING}" y="14" textLength="${labelText}" lengthAdjust="spacingAndGlyphs">${escapeHtml(label)}</text>`,
    `<text class="vt" fill="${light.text}" x="${labelWidth + PADDING}" y="14" textLength="${valueText}" lengthAdjust="spacingAndGlyphs">${escapeHtml(value)}</text></g>`,
    '</a></svg>',
  ].join('');
}
