// A complete migration with the keyboard only (Tab, Shift+Tab, Enter, Space, Escape, arrows; no
// click anywhere), Exchange → E-mail Pro in the built extension: the focus goes to each step's
// heading, the one role="status" live region says each step, the copy every 10 % and the outcome,
// errors are role="alert", the confirmation dialog keeps the focus and gives it back, and the
// drawer gives it back to the launcher (and takes it again on reopening, the run still going).

import type { Page } from '@playwright/test';
import { test } from '@playwright/test';
import { expect } from './fixtures.ts';
import { type PanelWorld, startPanelWorld } from './panel-harness.ts';
import {
  expectSameMailbox,
  mailEndpoint,
  seedMany,
  snapshotMailbox,
  waitForStatus,
} from './panel-helpers.ts';

test.describe.configure({ mode: 'serial' });

// What `serviceWorker.evaluate` runs inside the extension sees.
declare const chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } };
test.setTimeout(300_000);

let world: PanelWorld;
test.beforeAll(async () => {
  // A slow line, so that the copy is long enough to stop, close and watch by keyboard.
  world = await startPanelWorld({ imapBytesPerSecond: 250_000 });
});
test.afterAll(async () => {
  await world?.stop();
});

interface Focus {
  testid: string;
  tag: string;
  type: string;
  checked: boolean;
  address: string;
  service: string;
  heading: boolean;
  inDialog: boolean;
  inDrawer: boolean;
  text: string;
}

/** What has the focus, through the shadow roots (the panel lives in one). */
function focused(page: Page): Promise<Focus | undefined> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return undefined;
    return {
      testid: el.getAttribute('data-testid') ?? '',
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      checked: (el as HTMLInputElement).checked === true,
      address: el.closest('[data-address]')?.getAttribute('data-address') ?? '',
      service: el.closest('[data-service]')?.getAttribute('data-service') ?? '',
      heading: /^h[1-6]$/i.test(el.tagName),
      inDialog: el.closest('dialog[open]') !== null,
      inDrawer: el.closest('[data-testid="panel-drawer"]') !== null,
      text: (el.textContent ?? '').trim().slice(0, 80),
    };
  });
}

/** Presses `key` until the focus is on what `wanted` accepts (at most `max` presses). */
async function pressUntil(
  page: Page,
  wanted: (focus: Focus) => boolean,
  { key = 'Tab', max = 60 }: { key?: string; max?: number } = {},
) {
  const trail: string[] = [];
  for (let n = 0; n < max; n += 1) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (now && wanted(now)) return now;
    trail.push(now ? `${now.tag}[${now.testid || now.text.slice(0, 20)}]` : 'body');
  }
  throw new Error(`${key} never reached the element; focus went: ${trail.join(' → ')}`);
}

const tabTo = (page: Page, testid: string, key = 'Tab') =>
  pressUntil(page, (f) => f.testid === testid, { key });

/** The focus is on a heading whose text matches. */
async function expectHeadingFocused(page: Page, text: RegExp | string) {
  await expect
    .poll(async () => {
      const now = await focused(page);
      return now?.heading ? now.text : `not a heading: ${now?.tag}[${now?.testid}]`;
    })
    .toMatch(text);
}

/** In a radio group that has the focus, arrows down until the radio `matches` is checked. */
async function arrowTo(page: Page, matches: (focus: Focus) => boolean) {
  let now = await focused(page);
  if (now && matches(now) && !now.checked) await page.keyboard.press('Space');
  if (now && matches(now)) return;
  now = await pressUntil(page, matches, { key: 'ArrowDown', max: 20 });
  expect(now.checked).toBe(true);
}

/** Everything the live region says, and how many role="status" the panel ever held at once. */
async function listenToAnnouncer(page: Page) {
  await page.getByTestId('panel-announcer').evaluate((region) => {
    const w = window as unknown as { said: string[]; statusMax: number };
    w.said = [];
    w.statusMax = 0;
    const root = region.getRootNode() as ShadowRoot;
    const countStatus = () => {
      w.statusMax = Math.max(w.statusMax, root.querySelectorAll('[role="status"]').length);
    };
    countStatus();
    new MutationObserver(() => {
      const text = (region.textContent ?? '').replaceAll('\u200b', '');
      if (text) w.said.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
    new MutationObserver(countStatus).observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['role'],
    });
  });
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { said: string[]; statusMax: number };
      return { said: w.said, statusMax: w.statusMax };
    });
}

test('launcher to report with the keyboard only: focus, live region, alerts, dialog, drawer', async () => {
  const JEAN = 'jean.dupont@dupont-avocats.test';
  const SOURCE_HOST = 'ex5.mail.sandbox.test';
  await seedMany(world.sandbox, SOURCE_HOST, JEAN, 'Jd-Sandbox-2025!', 240);
  const before = await snapshotMailbox(
    mailEndpoint(world.sandbox, SOURCE_HOST, JEAN, 'Jd-Sandbox-2025!'),
  );
  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  await page.locator('body').focus();

  // The launcher is in the page's tab order; Enter opens the drawer on its heading.
  await tabTo(page, 'panel-launcher');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panel-drawer')).toBeVisible();
  await expectHeadingFocused(page, 'Move mailboxes to another platform');
  const heard = await listenToAnnouncer(page);

  // Space on "New migration": step 1's heading.
  await tabTo(page, 'start-wizard');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('wizard')).toHaveAttribute('data-step', 'source');
  await expectHeadingFocused(page, 'Which account moves?');
  await expect(page.locator(`[data-testid="account-option"][data-address="${JEAN}"]`)).toBeVisible({
    timeout: 60_000,
  });
  await pressUntil(page, (f) => f.type === 'radio');
  await arrowTo(page, (f) => f.address === JEAN);
  await tabTo(page, 'wizard-next');
  await page.keyboard.press('Enter');

  // Step 2: the destination, by arrows in its radio group.
  await expect(page.getByTestId('wizard')).toHaveAttribute('data-step', 'destination');
  await expectHeadingFocused(page, 'Where does it go?');
  const pro = page.locator('[data-testid="destination-option"][data-service="emailpro-ab12345-1"]');
  await expect(pro).not.toHaveAttribute('data-fit', 'loading', { timeout: 60_000 });
  await pressUntil(page, (f) => f.type === 'radio');
  await arrowTo(page, (f) => f.service === 'emailpro-ab12345-1');
  await tabTo(page, 'wizard-next');
  await page.keyboard.press('Enter');

  // Step 3: a wrong current password first.
  await expect(page.getByTestId('wizard')).toHaveAttribute('data-step', 'passwords');
  await expectHeadingFocused(page, 'Passwords');
  await tabTo(page, 'source-password');
  await page.keyboard.type('Not-The-Password-1');
  await tabTo(page, 'wizard-next');
  await page.keyboard.press('Enter');

  // Step 4: the plan refuses it, in an alert; Back to the passwords, by keyboard.
  await expect(page.getByTestId('wizard')).toHaveAttribute('data-step', 'plan');
  await expectHeadingFocused(page, 'Check the plan');
  await expect(page.getByTestId('plan')).toHaveAttribute('data-runnable', 'false', {
    timeout: 60_000,
  });
  const failed = page.getByRole('alert').filter({ hasText: '1 check failed' });
  await expect(failed).toBeVisible();
  await expect(
    page.locator('[data-testid="check"][data-check="passwords"][data-outcome="fail"]'),
  ).toContainText('refused the password');
  await tabTo(page, 'wizard-back');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard')).toHaveAttribute('data-step', 'passwords');
  await expectHeadingFocused(page, 'Passwords');
  await tabTo(page, 'source-password');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Jd-Sandbox-2025!');
  await tabTo(page, 'wizard-next');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('plan')).toHaveAttribute('data-runnable', 'true', {
    timeout: 60_000,
  });
  const destinationPassword = (await page.getByTestId('generated-destination').textContent()) ?? '';
  expect(destinationPassword).not.toBe('');
  await tabTo(page, 'plan-start');
  await page.keyboard.press('Enter');

  // The run: its heading has the focus.
  await expect(page.getByTestId('run-view')).toBeVisible();
  await expect.poll(async () => (await focused(page))?.testid).toBe('run-heading');

  // The stop confirmation keeps the focus inside (Tab and Shift+Tab), Escape closes it, and the
  // focus is back on the button that opened it; the run goes on.
  await expect(page.locator('[data-testid="task"][data-step="copy_content"]')).toHaveAttribute(
    'data-status',
    'running',
    { timeout: 90_000 },
  );
  await tabTo(page, 'run-stop');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stop-dialog')).toBeVisible();
  expect(await focused(page)).toMatchObject({ inDialog: true, testid: 'stop-dialog-cancel' });
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const now = await focused(page);
    // The browser's own UI is outside the page: focus there is "nowhere" for the page.
    if (now) expect(now.inDialog, `${key} left the dialog for ${now.testid}`).toBe(true);
  }
  await pressUntil(page, (f) => f.testid === 'stop-dialog-cancel');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('stop-dialog')).toBeHidden();
  await expect.poll(async () => (await focused(page))?.testid).toBe('run-stop');
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-busy', 'true');

  // Escape closes the drawer: the focus is back on the launcher, and the run does not stop.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('panel-drawer')).toBeHidden();
  await expect.poll(async () => (await focused(page))?.testid).toBe('panel-launcher');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panel-drawer')).toBeVisible();
  await expect.poll(async () => (await focused(page))?.testid).toBe('run-heading');
  await expect(page.getByTestId('run-interrupted')).toHaveCount(0);

  // The report: its heading gets the focus; Tab reaches its actions, and the way home.
  await waitForStatus(page, 'completed', 240_000);
  await expect.poll(async () => (await focused(page))?.text).toBe('Migration report');
  await expect(page.locator('[data-testid="report-folder"][data-match="false"]')).toHaveCount(0);
  await tabTo(page, 'report-json');
  await tabTo(page, 'report-home');

  // What the live region said: each step that ran, the copy every 10 %, the outcome last.
  const { said, statusMax } = await heard();
  expect(statusMax, 'role="status" elements in the panel at once').toBe(1);
  // The run's steps as the runner saved them (extension storage).
  const tasks = await world.browser.serviceWorker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    const runs = Object.entries(all)
      .filter(([key]) => key.startsWith('migrationRun:'))
      .map(([, value]) => value as { steps: Array<{ status: string }> });
    return runs[0]?.steps.map((step) => step.status) ?? [];
  });
  expect(tasks).toContain('done');
  tasks.forEach((status, index) => {
    if (status === 'done')
      expect(said.some((text) => text.startsWith(`Step ${index + 1} of ${tasks.length}: `))).toBe(
        true,
      );
  });
  const percents = said.flatMap((text) => {
    const match = /^Copy: (\d+) %$/.exec(text);
    return match ? [Number(match[1])] : [];
  });
  expect(percents.length, `copy announcements in ${JSON.stringify(said)}`).toBeGreaterThan(1);
  for (const [index, percent] of percents.entries()) {
    expect(percent % 10).toBe(0);
    if (index > 0) expect(percent).toBeGreaterThan(percents[index - 1] ?? 0);
  }
  expect(percents.at(-1)).toBe(100);
  expect(said.at(-1)).toBe('Migration completed and verified.');
  expect(said.some((text) => /check failed/.test(text))).toBe(false);

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('home-view')).toBeVisible();
  await expectHeadingFocused(page, /^Move mailboxes|^Migrations in progress/);

  await expectSameMailbox(
    world.sandbox,
    before,
    'pro1.mail.sandbox.test',
    JEAN,
    destinationPassword,
  );
});
