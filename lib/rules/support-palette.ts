import type { SupportLevel } from '@/db/schema';

/** A value's colours: background and text. */
export interface Swatch {
  background: string;
  text: string;
}

/** A support level, `text` for a text row's value, `none` where nothing is recorded. */
export type PaletteKey = SupportLevel | 'text' | 'none';

/**
 * The support colours as plain hex, for markup that cannot use the site's stylesheet (the embeds' inline style, the
 * SVG badges, which may be shown on any page). They match the `.sup-*` classes of app/globals.css: Tailwind's emerald,
 * amber, rose and slate, 100 behind 900 text in light, 900 behind 100 text in dark. A text row's value, which the site
 * shows as plain text, gets sky so it reads as neither a support level nor missing.
 */
export const supportPalette: Record<'light' | 'dark', Record<PaletteKey, Swatch>> = {
  light: {
    yes: { background: '#d1fae5', text: '#064e3b' },
    partial: { background: '#fef3c7', text: '#78350f' },
    no: { background: '#ffe4e6', text: '#881337' },
    unknown: { background: '#f1f5f9', text: '#334155' },
    text: { background: '#e0f2fe', text: '#0c4a6e' },
    none: { background: '#f1f5f9', text: '#475569' },
  },
  dark: {
    yes: { background: '#064e3b', text: '#d1fae5' },
    partial: { background: '#78350f', text: '#fef3c7' },
    no: { background: '#881337', text: '#ffe4e6' },
    unknown: { background: '#1e293b', text: '#e2e8f0' },
    text: { background: '#0c4a6e', text: '#e0f2fe' },
    none: { background: '#1e293b', text: '#cbd5e1' },
  },
};

/** The palette entry of a cell's value (`undefined` when nothing is recorded) on a row of this kind. */
export function paletteKeyOf(
  value: { support: SupportLevel | null } | undefined,
  kind: 'support' | 'text',
): PaletteKey {
  if (!value) return 'none';
  if (kind === 'text' || value.support === null) return 'text';
  return value.support;
}
