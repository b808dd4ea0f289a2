#!/usr/bin/env node
// build/icon.svg → build/icons/<N>x<N>.png (the sizes electron-builder wants for Linux; 256 is also the
// Windows .ico source). Renders with Debian's Chromium through playwright-core, like the e2e tests; the PNGs
// are committed, so packaging does not need a browser. Run again after changing the SVG.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const svg = readFileSync(`${root}build/icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  for (const n of [16, 32, 48, 64, 128, 256, 512]) {
    const page = await browser.newPage({ viewport: { width: n, height: n } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${n}" height="${n}" `)}</body></html>`);
    await page.screenshot({ path: `${root}build/icons/${n}x${n}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write('wrote build/icons/{16..512}.png\n');
