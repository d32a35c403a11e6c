/**
 * npx tsx tests/support/draw-icons.ts
 *
 * Draws the PNG icons and favicon.ico in public/ from public/favicon.svg with the Chromium Playwright already uses, so
 * no image tooling is needed. The outputs are committed; run this again only when the SVG changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const publicDir = path.join(process.cwd(), 'public');
const svg = fs.readFileSync(path.join(publicDir, 'favicon.svg'), 'utf8');

/** The icons browsers and home screens ask for; the apple-touch icon is opaque, as iOS draws transparency black. */
const outputs = [
  { file: 'icon-192.png', size: 192, inset: 0, background: 'transparent' },
  { file: 'icon-512.png', size: 512, inset: 0, background: 'transparent' },
  // Maskable: platforms crop to a circle, so the mark sits inside the middle 80 %.
  { file: 'icon-maskable-512.png', size: 512, inset: 0.1, background: '#1e3a8a' },
  { file: 'apple-touch-icon.png', size: 180, inset: 0, background: '#1e3a8a' },
  { file: 'favicon-32.png', size: 32, inset: 0, background: 'transparent' },
];

/** An .ico holding one PNG image (supported by every browser since IE 9). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, png]);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    for (const output of outputs) {
      const mark = output.size * (1 - 2 * output.inset);
      await page.setViewportSize({ width: output.size, height: output.size });
      await page.setContent(
        `<html><body style="margin:0;background:${output.background}"><div style="width:${output.size}px;height:${output.size}px;display:flex;align-items:center;justify-content:center">${svg.replace('<svg ', `<svg width="${mark}" height="${mark}" `)}</div></body></html>`,
      );
      const png = await page.screenshot({ omitBackground: output.background === 'transparent' });
      fs.writeFileSync(path.join(publicDir, output.file), png);
      if (output.file === 'favicon-32.png') {
        fs.writeFileSync(path.join(publicDir, 'favicon.ico'), icoOf(png, output.size));
        fs.rmSync(path.join(publicDir, output.file));
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
