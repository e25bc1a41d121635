// Draws the tab bar icons (WeChat's tab bar takes PNG files only) with Chromium from SVG,
// so they can be re-made in another colour: `tsx scripts/make-tab-icons.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { launchPhone } from '../test/support/browser';

const ICONS: Record<string, string> = {
  home: '<path d="M12 3 2 11h3v9h5v-6h4v6h5v-9h3z"/>',
  services: '<path d="M5 2h10l5 5v15H5zM14 3v5h5M8 12h9M8 16h9M8 8h4" fill="none" stroke-width="2" stroke="currentColor"/>',
  groups: '<circle cx="8" cy="8" r="3.5"/><circle cx="16.5" cy="9" r="3"/><path d="M1.5 20c0-4 3-6.5 6.5-6.5s6.5 2.5 6.5 6.5zM13.5 20c.3-2.7-.5-4.6-1.8-5.8 1.2-.8 2.8-1.2 4.8-1.2 3 0 5.5 2.2 5.5 7z"/>',
  me: '<circle cx="12" cy="7.5" r="4.5"/><path d="M3 21c0-5 4-8 9-8s9 3 9 8z"/>',
};
const COLORS = { '': '#555555', '-active': '#b4261a' };

async function main() {
  const out = path.resolve(__dirname, '../src/assets/tab');
  fs.mkdirSync(out, { recursive: true });
  const { context, close } = await launchPhone();
  const page = await context.newPage();
  await page.setViewportSize({ width: 81, height: 81 });
  for (const [name, body] of Object.entries(ICONS)) {
    for (const [suffix, color] of Object.entries(COLORS)) {
      await page.setContent(
        `<meta name="viewport" content="width=device-width,initial-scale=1"><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="81" height="81" style="color:${color};fill:${color}">${body}</svg></body>`,
      );
      await page.screenshot({ path: path.join(out, `${name}${suffix}.png`), omitBackground: true, scale: 'css' });
    }
  }
  await close();
}

void main();
