// The companion proxy from inside the panel, by clicks (issue 9): not running → how to start it;
// started → "Pair with the proxy on this computer" with the code the real proxy prints in its
// terminal; then the panel goes on where the person was (the plan is made again, the migration
// runs to the end). In French: a proxy that refuses this browser's token, paired again by code,
// then stopped. The world's proxy answers on the default address (panel-harness.ts). On the way:
// the run says which OVHcloud task a step waits for, the report the mail window it measured.

import { test } from '@playwright/test';
import type { ProxyProcess } from '../fixtures/proxy-process.ts';
import { expect } from './fixtures.ts';
import { type PanelWorld, shot, startPanelWorld } from './panel-harness.ts';
import {
  expectSameMailbox,
  mailEndpoint,
  snapshotMailbox,
  waitForStatus,
  walkWizard,
} from './panel-helpers.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

let world: PanelWorld;
test.beforeAll(async () => {
  world = await startPanelWorld({ proxy: false });
});
test.afterAll(async () => {
  await world?.stop();
});

const JEAN = 'jean.dupont@dupont-avocats.test';

/** Presses "Pair with the proxy on this computer" and types the code `proxy` prints. */
async function pairByCode(page: import('@playwright/test').Page, proxy: ProxyProcess) {
  const banner = page.getByTestId('proxy-banner');
  const before = proxy.output().length;
  await banner.getByTestId('pairing-start').click();
  const shown = await proxy.waitForOutput(/Code: +(\d{3}) (\d{3})/, before);
  await expect(banner.getByTestId('pairing-code')).toBeFocused();
  return { code: `${shown[1]}${shown[2]}`, banner };
}

/** The pairing card in the panel speaks through the panel's one role="status", which says `text`. */
async function expectOneLiveRegion(page: import('@playwright/test').Page, text: string) {
  await expect(page.getByTestId('panel-root').locator('[role="status"]')).toHaveCount(1);
  await expect(page.getByTestId('panel-announcer')).toContainText(text);
}

test('not running → started → paired by code → the plan again, the migration to the end', async () => {
  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  await page.getByTestId('panel-launcher').click();
  const state = page.getByTestId('proxy-banner-state');
  await expect(state).toHaveAttribute('data-state', 'not_configured');
  await expect(page.getByTestId('proxy-banner')).toContainText(
    'The companion proxy is not running on this computer.',
  );
  await expect(page.getByTestId('proxy-start')).toContainText('npm run proxy');
  await expect(page.getByTestId('proxy-start')).toContainText('ovh-migrate-proxy-win-x64.exe');
  await shot(page, 'en-proxy-not-running');
  await page.getByTestId('panel-close').click();

  // The person goes on anyway: the plan says the proxy is missing and offers to start it there.
  const before = await snapshotMailbox(
    mailEndpoint(world.sandbox, 'ex5.mail.sandbox.test', JEAN, 'Jd-Sandbox-2025!'),
  );
  await walkWizard(page, {
    account: JEAN,
    destination: 'emailpro-ab12345-1',
    sourcePassword: 'Jd-Sandbox-2025!',
  });
  await expect(page.getByTestId('plan')).toHaveAttribute('data-runnable', 'false');
  await expect(page.locator('[data-testid="check"][data-check="proxy"]')).toHaveAttribute(
    'data-outcome',
    'fail',
  );
  await expect(state).toHaveAttribute('data-state', 'not_configured');
  // Not paired yet is a step to take, said plainly beside the pairing card: no quoted detail.
  const proxyCheck = page.locator('[data-testid="check"][data-check="proxy"]');
  await expect(proxyCheck).toContainText(
    'This browser is not paired with the companion proxy yet.',
  );
  await expect(proxyCheck).not.toContainText('said:');
  await expect(proxyCheck).not.toContainText('not configured');
  await world.setLanguage('fr');
  await expect(proxyCheck).toContainText(
    'Ce navigateur n’est pas encore appairé avec le proxy local.',
  );
  await expect(proxyCheck).not.toContainText('Détail');
  await world.setLanguage('auto');
  await shot(page, 'en-plan-proxy-not-running');

  // Started, not paired: "Check again" finds it and offers to pair.
  const proxy = await world.startProxy({ pair: false });
  await page.getByTestId('proxy-recheck').click();
  await expect(state).toHaveAttribute('data-state', 'found');
  const banner = page.getByTestId('proxy-banner');
  await expect(banner.getByTestId('proxy-status')).toHaveAttribute('data-state', 'found');
  await expectOneLiveRegion(page, 'but this browser is not paired with it yet.');
  await expect(banner.getByTestId('pairing-start')).toHaveText(
    'Pair with the proxy on this computer',
  );
  // The panel is already in the control panel: no "open the control panel" next step.
  await expect(banner.getByTestId('pairing-next')).toHaveCount(0);
  await shot(page, 'en-plan-proxy-found');

  const { code } = await pairByCode(page, proxy);
  await shot(page, 'en-plan-proxy-code');
  await banner.getByTestId('pairing-code').fill(code === '000000' ? '000001' : '000000');
  await banner.getByTestId('pairing-confirm').click();
  await expect(banner.getByTestId('pairing-problem')).toContainText('Tries left: 2');
  await banner.getByTestId('pairing-code').fill(code);
  await banner.getByTestId('pairing-confirm').click();

  // Paired: the banner goes, the plan is made again with the same choices, and it can run.
  await expect(page.getByTestId('proxy-banner')).toHaveCount(0);
  await expect(page.locator('[data-testid="check"][data-check="proxy"]')).toHaveAttribute(
    'data-outcome',
    'pass',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('plan')).toHaveAttribute('data-runnable', 'true');
  await shot(page, 'en-plan-proxy-paired');
  const destinationPassword = (await page.getByTestId('generated-destination').textContent()) ?? '';
  // Slow OVHcloud tasks: the step says which task it waits for, and since when.
  world.sandbox.faults.set({ taskStepMs: 4000 });
  await page.getByTestId('plan-start').click();
  const waiting = page.locator('[data-testid="task-waiting"]:not([data-task-id=""])').first();
  await expect(waiting).toHaveText(/^Waiting for OVHcloud task \d+ \(\w+\), \d+\s\w+\.$/, {
    timeout: 30_000,
  });
  await shot(page, 'en-run-waiting');
  await world.setLanguage('fr');
  await expect(waiting).toHaveText(
    /^En attente de la tâche OVHcloud \d+ \(\w+\), depuis \d+\s\w+\.$/,
  );
  await shot(page, 'fr-run-waiting');
  await world.setLanguage('auto');
  world.sandbox.faults.set({ taskStepMs: null });
  await waitForStatus(page, 'completed');
  // The report gives the mail window the run measured, next to the one the plan expected.
  await expect(page.getByTestId('report-window')).toContainText(
    /Mail window measured: .+, expected about/,
  );
  await page.getByTestId('report-window').scrollIntoViewIfNeeded();
  await shot(page, 'en-report-window');
  await world.setLanguage('fr');
  await expect(page.getByTestId('report-window')).toContainText('Fenêtre de courrier mesurée');
  await shot(page, 'fr-report-window');
  await world.setLanguage('auto');
  await expectSameMailbox(
    world.sandbox,
    before,
    'pro1.mail.sandbox.test',
    JEAN,
    destinationPassword,
  );
  await page.close();
});

test('in French: a refused token paired again by code, then the proxy stopped', async () => {
  // Another data folder: another token, which the pairing this browser holds does not match.
  await world.proxy?.kill();
  const proxy = await world.startProxy({ pair: false, fresh: true });
  const page = await world.openPanel('#/web/email_pro/emailpro-ab12345-1');
  await page.evaluate(() => localStorage.setItem('univers-selected-language', 'fr_FR'));
  await page.reload();
  await page.getByTestId('panel-launcher').click();
  await expect(page.getByTestId('panel-root')).toHaveAttribute('data-lang', 'fr');
  const state = page.getByTestId('proxy-banner-state');
  await expect(state).toHaveAttribute('data-state', 'unpaired');
  const banner = page.getByTestId('proxy-banner');
  await expect(banner).toContainText('Le proxy local a refusé le jeton d’association.');
  await expect(banner.getByTestId('pairing-start')).toHaveText(
    'Appairer avec le proxy de cet ordinateur',
  );
  await shot(page, 'fr-proxy-unpaired');
  const { code } = await pairByCode(page, proxy);
  await expectOneLiveRegion(page, 'mais ce navigateur n’est pas encore appairé avec lui.');
  await shot(page, 'fr-proxy-code');
  await banner.getByTestId('pairing-code').fill(code);
  await banner.getByTestId('pairing-confirm').click();
  await expect(page.getByTestId('proxy-banner')).toHaveCount(0);

  await proxy.kill();
  await page.getByTestId('panel-close').click();
  await page.getByTestId('panel-launcher').click();
  await page.getByTestId('start-wizard').click();
  await page.getByTestId('wizard-cancel').click();
  await expect(state).toHaveAttribute('data-state', 'unreachable');
  await expect(banner).toContainText(
    'Le proxy local ne tourne pas à l’adresse http://127.0.0.1:7464',
  );
  await expect(page.getByTestId('proxy-start')).toContainText('npm run proxy');
  await shot(page, 'fr-proxy-not-running');
  await page.close();
});
