// The panel's states that no other spec stops on, each reached by clicks and pictured (shot():
// English and French, light and dark): not paired, a proxy of another API version, a missing IAM
// right, a step waiting on an OVHcloud task, a run stopped by the person (the resume view).

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from '@playwright/test';
import { expect } from './fixtures.ts';
import { type PanelWorld, shot, startPanelWorld } from './panel-harness.ts';
import { waitForStatus, walkWizard } from './panel-helpers.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

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
const pairWith = (pairing: { url: string; token: string } | undefined) =>
  world.browser.serviceWorker.evaluate(
    (value) =>
      value
        ? chrome.storage.local.set({ proxyPairing: value })
        : chrome.storage.local.remove('proxyPairing'),
    pairing,
  );
const pairWorldProxy = () => {
  const proxy = world.proxy;
  if (!proxy) throw new Error('no proxy');
  return pairWith({ url: proxy.url, token: proxy.token });
};

test('not paired, and a proxy of another API version: each says what to do', async () => {
  await pairWith(undefined);
  let page = await world.openPanel();
  await page.getByTestId('panel-launcher').click();
  await expect(page.getByTestId('home-view')).toBeVisible();
  await expect(page.getByTestId('panel-drawer')).toContainText('not paired');
  await shot(page, 'en-err-not-paired');
  await page.close();

  // Something on loopback that answers health as a proxy of a newer API would.
  const other = http.createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify(
        request.url === '/v1/health'
          ? { status: 'ok', name: 'ovh-migrate-proxy', version: '9.0.0', apiVersion: 99 }
          : { error: { code: 'not_found', message: 'No such route.' } },
      ),
    );
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = other.address() as AddressInfo;
    await pairWith({ url: `http://127.0.0.1:${port}`, token: 'a'.repeat(43) });
    page = await world.openPanel();
    await page.getByTestId('panel-launcher').click();
    await expect(page.getByTestId('panel-drawer')).toContainText('compatible');
    await shot(page, 'en-err-proxy-incompatible');
    await page.close();
  } finally {
    other.close();
    await pairWorldProxy();
  }
});

test('a missing IAM right: the run stops and names the action to grant', async () => {
  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  await walkWizard(page, {
    account: 'marie.martin@dupont-avocats.test',
    destination: 'emailpro-ab12345-1',
    sourcePassword: 'Mm-Sandbox-2025!',
  });
  world.sandbox.faults.set({ iamDeny: ['emailExchange:apiovh:service/account/edit'] });
  try {
    await page.getByTestId('plan-start').click();
    await waitForStatus(page, 'failed', 90_000);
    await expect(page.getByTestId('run-error')).toContainText(
      'emailExchange:apiovh:service/account/edit',
    );
    await shot(page, 'en-err-iam');
  } finally {
    world.sandbox.faults.clear();
  }
  // Rolled back, so that the next test starts from the seed's accounts.
  await page.getByTestId('run-rollback').click();
  await page.getByTestId('rollback-dialog-confirm').click();
  await waitForStatus(page, 'rolled_back', 90_000);
  await page.close();
});

test('a step waiting on an OVHcloud task, then stopped by the person: the resume view', async () => {
  const page = await world.openPanel('#/web/email_pro/emailpro-ab12345-1');
  await walkWizard(page, {
    account: 'commandes@boulangerie-petit.test',
    destination: 'hosted-ab12345-2',
    sourcePassword: 'Cmd-Sandbox-2025!',
  });
  // OVHcloud's tasks take minutes: here 6 s in each state.
  world.sandbox.faults.set({ taskStepMs: 6_000 });
  await page.getByTestId('plan-start').click();
  await expect(page.locator('[data-testid="task"][data-status="running"]')).toHaveCount(1, {
    timeout: 60_000,
  });
  await shot(page, 'en-run-waiting-task');
  await page.getByTestId('run-stop').click();
  await expect(page.getByTestId('stop-dialog')).toBeVisible();
  await shot(page, 'en-run-stop-confirm');
  await page.getByTestId('stop-dialog-confirm').click();
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-busy', 'false', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('run-resume')).toBeVisible();
  await shot(page, 'en-run-stopped');
  world.sandbox.faults.clear();

  // The panel opened again on another page: the resume list, then the run's resume view.
  await page.close();
  const again = await world.openPanel();
  await again.getByTestId('panel-launcher').click();
  await expect(again.getByTestId('resume-list')).toBeVisible();
  await shot(again, 'en-home-resume-list');
  await again.getByTestId('resume-open').first().click();
  await expect(again.getByTestId('run-resume')).toBeVisible();
  await again.getByTestId('run-resume').click();
  await waitForStatus(again, 'completed', 180_000);
  await again.close();
});
