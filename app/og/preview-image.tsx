import { ImageResponse } from 'next/og';
import type { PreviewCard } from '@/lib/server/previews/preview-cards';

/** Open Graph's recommended size: large previews on every network that shows one. */
export const previewImageSize = { width: 1200, height: 630 };

// The badge colours of the light theme (app/globals.css), drawn as filled tiles so they read at thumbnail size.
const levels = [
  { key: 'yes', label: 'yes', background: '#dcfce7', color: '#14532d' },
  { key: 'partial', label: 'partial', background: '#fef3c7', color: '#78350f' },
  { key: 'no', label: 'no', background: '#fee2e2', color: '#7f1d1d' },
] as const;

/**
 * A preview card as PNG bytes. next/og draws with its bundled Geist font, so nothing is fetched; stored names are
 * drawn as text, never parsed as markup.
 */
export async function drawPreviewImage(card: PreviewCard): Promise<Uint8Array> {
  const response = new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '64px 72px',
        background: '#0f172a',
        color: '#f8fafc',
        fontSize: 32,
      }}
    >
      <div style={{ display: 'flex', fontSize: 30, color: '#94a3b8' }}>Mesh Matrix</div>
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        <div style={{ display: 'flex', fontSize: 76, lineHeight: 1.1, maxHeight: 170, overflow: 'hidden' }}>
          {card.title}
        </div>
        <div style={{ display: 'flex', marginTop: 20, color: '#cbd5e1', maxHeight: 90, overflow: 'hidden' }}>
          {card.subtitle}
        </div>
      </div>
      <div style={{ display: 'flex' }}>
        {levels.map((level) => (
          <div
            key={level.key}
            style={{
              display: 'flex',
              alignItems: 'baseline',
              marginRight: 28,
              padding: '14px 28px',
              borderRadius: 16,
              background: level.background,
              color: level.color,
            }}
          >
            <span style={{ fontSize: 56 }}>{card.counts[level.key]}</span>
            <span style={{ marginLeft: 14, fontSize: 32 }}>{level.label}</span>
          </div>
        ))}
      </div>
    </div>,
    previewImageSize,
  );
  return new Uint8Array(await response.arrayBuffer());
}
