/**
 * Panel bench (issue 9): how soon the launcher is visible after the control panel's `load`, in
 * Debian's Chromium with the built extension on the fake control panel (sandbox, no IMAP), and
 * the content script's size gzipped (JS + CSS). Goals: < 200 ms, < 60 KB. Figures, no assertions.
 *   npm run bench -- --only panel [--runs 10] [--no-build]
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { launchExtensionBrowser } from '../e2e/fixtures.ts';
import { PANEL_ORIGIN, routeControlPanel } from '../e2e/panel-harness.ts';
import { startSandbox } from '../sandbox/index.ts';
import { environment, median, resultsFile } from './lib/results.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
    'no-save': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));
const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, '.output/chrome-mv3/content-scripts');

if (!values['no-build']) execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
const js = await readFile(path.join(OUT, 'ovh-panel.js'));
const css = await readFile(path.join(OUT, 'ovh-panel.css'));
const size = { js: gzipSync(js).length, css: gzipSync(css).length };
console.log(
  `content script gzipped: ${(size.js / 1024).toFixed(1)} KB JS + ${(size.css / 1024).toFixed(1)} KB CSS = ${((size.js + size.css) / 1024).toFixed(1)} KB (goal < 60 KB)`,
);

const sandbox = await startSandbox({ imap: false });
const browser = await launchExtensionBrowser();
const times: number[] = [];
try {
  await routeControlPanel(browser.context, sandbox);
  await browser.context.addCookies([
    { name: 'SESSION', value: sandbox.session, domain: 'www.ovh.com', path: '/', secure: true },
  ]);
  for (let i = 0; i < runs; i++) {
    const page = await browser.context.newPage();
    // Observed from the page: the time between its load event and the launcher in the shadow root.
    await page.addInitScript(() => {
      const w = window as unknown as { __launcher?: number; __load?: number };
      addEventListener('load', () => {
        w.__load = performance.now();
      });
      const seen = () => {
        const host = document.querySelector('ovh-migrate-panel');
        if (host?.shadowRoot?.querySelector('[data-testid="panel-launcher"]')) {
          w.__launcher = performance.now();
          return true;
        }
        return false;
      };
      const tick = () => {
        if (!seen()) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(
      `${PANEL_ORIGIN}/manager/#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account`,
    );
    await page.waitForFunction(
      () =>
        (window as unknown as { __launcher?: number }).__launcher !== undefined &&
        (window as unknown as { __load?: number }).__load !== undefined,
    );
    const [load, launcher] = await page.evaluate(() => {
      const w = window as unknown as { __launcher: number; __load: number };
      return [w.__load, w.__launcher];
    });
    times.push(Math.max(0, launcher - load));
    await page.close();
  }
} finally {
  await browser.close();
  await sandbox.stop();
}
const result = {
  bench: 'panel',
  environment: environment(),
  contentScriptGzipBytes: size,
  launcherAfterLoadMs: { median: median(times), max: Math.max(...times), runs: times },
};
console.log(
  `launcher visible after load: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${runs} loads (goal < 200 ms; 0 = before load)`,
);
if (!values['no-save']) {
  const file = resultsFile('panel');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`saved ${path.relative(ROOT, file)}`);
}
