// Renders the extension's icons (public/icon/{16,32,48,128}.png) from scripts/icons/icon.svg in
// Debian's Chromium (the browser the tests use; nothing is downloaded). Re-run after editing
// the SVG: `npm run gen:icons`.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';

const SIZES = [16, 32, 48, 128] as const;
const root = path.resolve(import.meta.dirname, '../..');
const svg = await readFile(path.join(root, 'scripts/icons/icon.svg'), 'utf8');
const out = path.join(root, 'public/icon');
await mkdir(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--force-color-profile=srgb', '--font-render-hinting=none'],
});
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="${dataUrl}" width="${size}" height="${size}" style="display:block">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: path.join(out, `${size}.png`), omitBackground: true });
    await page.close();
    console.log(`public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}
