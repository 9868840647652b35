// The panel's accessibility, measured rather than asserted by hand: axe-core's WCAG 2 A/AA rules
// (text contrast included) on the panel's shadow root at each state a person goes through
// (launcher, home, not paired, each wizard step, the run, the stop dialog, the report), in
// English and French, light and dark; and, in each look, the contrast that axe does not measure
// (WCAG 1.4.11): each kit button's and field's boundary against what is behind it, and the focus
// ring of the control the keyboard reaches next, ≥ 3:1.

import AxeBuilder from '@axe-core/playwright';
import { type Page, test } from '@playwright/test';
import { expect } from './fixtures.ts';
import { inEachLook, type Look, type PanelWorld, startPanelWorld } from './panel-harness.ts';
import { waitForStatus, walkWizard } from './panel-helpers.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

let world: PanelWorld;
test.beforeAll(async () => {
  world = await startPanelWorld();
});
test.afterAll(async () => {
  await world?.stop();
});

declare const chrome: {
  storage: { local: { set(items: object): Promise<void>; remove(key: string): Promise<void> } };
};

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What axe finds wrong in the panel (its shadow host and all below), one line per node. */
async function axeViolations(page: Page): Promise<string[]> {
  // Legacy mode: axe runs in the page itself; the default opens a tab of its own per run.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .include('ovh-migrate-panel')
    .withTags(WCAG_A_AA)
    .analyze();
  // The panel was seen: axe measured the contrast of its text.
  const measured = [...results.passes, ...results.violations, ...results.incomplete]
    .filter((rule) => rule.id === 'color-contrast')
    .reduce((n, rule) => n + rule.nodes.length, 0);
  if (measured === 0) return ['color-contrast: no text of the panel measured'];
  return results.violations.flatMap((rule) =>
    rule.nodes.map(
      (node) =>
        `${rule.id} (${rule.impact}): ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}

interface Pair {
  what: string;
  /** What shows the control (its fill, its border): the best of them must stand out. */
  fores: string[];
  back: string;
}

/**
 * The pairs that make a control visible, as the browser computes them: a filled button's fill
 * and an outlined button's or a field's border against what is behind the control, and the
 * focused element's outline against what is behind it. Colours as `rgb(…)` strings.
 */
function controlPairs(page: Page): Promise<Pair[]> {
  return page.evaluate(() => {
    const host = document.querySelector('ovh-migrate-panel');
    const root = host?.shadowRoot;
    if (!root) return [];
    /** A computed colour as [r, g, b] (0-255) and alpha (0-1). */
    const parse = (color: string): [number, number, number, number] => {
      const n = (color.match(/[\d.]+/g) ?? []).map(Number);
      const srgb = color.startsWith('color(srgb');
      const [r = 0, g = 0, b = 0] = n.slice(0, 3).map((v) => (srgb ? v * 255 : v));
      return [r, g, b, n[3] ?? 1];
    };
    /**
     * What is seen behind `from`: the backgrounds at and above it (out of the shadow root too),
     * the translucent ones laid over the first opaque one (white if none).
     */
    const behind = (from: Element | null): string => {
      const layers: Array<[number, number, number, number]> = [];
      let node: Element | null = from;
      while (node) {
        const layer = parse(getComputedStyle(node).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
        node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
      }
      let [r, g, b] = [255, 255, 255];
      for (const [lr, lg, lb, a] of layers.reverse()) {
        [r, g, b] = [lr * a + r * (1 - a), lg * a + g * (1 - a), lb * a + b * (1 - a)];
      }
      return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
    };
    const shown = (el: Element) => el.getClientRects().length > 0;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.getAttribute('data-testid') ?? ''}]`;
    const pairs: Pair[] = [];
    for (const el of root.querySelectorAll(
      '.mp-button, .mp-input, .pairing button, .pairing input',
    )) {
      if (!shown(el) || (el as HTMLButtonElement).disabled) continue;
      const style = getComputedStyle(el);
      const back = behind(el.parentElement);
      // A filled control is seen by its fill; an outlined one (same fill as behind) by its border.
      if (el.classList.contains('mp-button-ghost')) continue; // text only: axe checks its text
      const border = Number.parseFloat(style.borderTopWidth) > 0 ? [style.borderTopColor] : [];
      pairs.push({ what: name(el), fores: [behind(el), ...border], back });
    }
    let focused: Element | null = root.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    if (focused?.matches(':focus-visible')) {
      const style = getComputedStyle(focused);
      if (style.outlineStyle === 'none' || Number.parseFloat(style.outlineWidth) < 2) {
        pairs.push({ what: `focus ring of ${name(focused)}: none`, fores: [], back: 'none' });
      } else {
        pairs.push({
          what: `focus ring of ${name(focused)}`,
          fores: [style.outlineColor],
          back: behind(focused.parentElement),
        });
      }
    }
    return pairs;
  });
}

function luminance(rgb: string): number {
  const channels = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const [r = 0, g = 0, b = 0] = channels.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi = 0, lo = 0] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The panel's state `name`, in each look: no axe violation, every control pair ≥ 3:1. */
async function audit(page: Page, name: string) {
  const found: string[] = [];
  await inEachLook(page, async ({ lang, scheme }: Look) => {
    const look = `${name} ${lang} ${scheme}`;
    for (const line of await axeViolations(page)) found.push(`${look}: ${line}`);
    // A control reached by the keyboard shows its focus ring (a focus moved by a key is
    // focus-visible): one stop back and forth from the focused element (a step's heading, a
    // dialog's button), or from the launcher while the drawer is closed.
    const drawerOpen = await page.getByTestId('panel-drawer').isVisible();
    if (!drawerOpen) await page.getByTestId('panel-launcher').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const pairs = await controlPairs(page);
    if (!pairs.some((pair) => pair.what.startsWith('focus ring'))) {
      found.push(`${look}: no focus ring measured (the Tab key left the panel)`);
    }
    for (const pair of pairs) {
      const ratio = Math.max(0, ...pair.fores.map((fore) => contrast(fore, pair.back)));
      if (ratio < 3) {
        const fores = pair.fores.join(' or ');
        found.push(`${look}: ${pair.what}: ${fores} on ${pair.back} is ${ratio.toFixed(2)}:1`);
      }
    }
  });
  expect(found).toEqual([]);
}

test('every state of a migration, EN and FR, light and dark: no WCAG 2 A/AA violation', async () => {
  // Not paired: the home view says so.
  await world.browser.serviceWorker.evaluate(() => chrome.storage.local.remove('proxyPairing'));
  const unpaired = await world.openPanel();
  await audit(unpaired, 'launcher');
  await unpaired.getByTestId('panel-launcher').click();
  await expect(unpaired.getByTestId('panel-drawer')).toContainText('not paired');
  await audit(unpaired, 'not-paired');
  await unpaired.close();
  const proxy = world.proxy;
  if (!proxy) throw new Error('no proxy');
  await world.browser.serviceWorker.evaluate(
    (pairing) => chrome.storage.local.set({ proxyPairing: pairing }),
    { url: proxy.url, token: proxy.token },
  );

  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  await walkWizard(page, {
    account: 'jean.dupont@dupont-avocats.test',
    destination: 'emailpro-ab12345-1',
    sourcePassword: 'Jd-Sandbox-2025!',
    at: (step) => audit(page, step),
  });
  await expect(page.getByTestId('plan')).toHaveAttribute('data-runnable', 'true');

  // OVHcloud's tasks held 6 s in each state, so that the run is seen in progress.
  world.sandbox.faults.set({ taskStepMs: 6_000 });
  try {
    await page.getByTestId('plan-start').click();
    await expect(page.locator('[data-testid="task"][data-status="running"]')).toHaveCount(1, {
      timeout: 60_000,
    });
    await audit(page, '5-running');
    await page.getByTestId('run-stop').click();
    await expect(page.getByTestId('stop-dialog')).toBeVisible();
    await audit(page, 'stop-dialog');
    await page.getByTestId('stop-dialog-cancel').click();
    await expect(page.getByTestId('stop-dialog')).toBeHidden();
  } finally {
    world.sandbox.faults.clear();
  }
  await waitForStatus(page, 'completed', 180_000);
  await expect(page.getByTestId('report')).toBeVisible();
  await audit(page, '6-report');
  await page.close();
});
