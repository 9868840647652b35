// The panel mounts on the control panel (top frame only), follows the route, and lists the
// customer's services with the page's session.

import { expect, test } from '@playwright/test';
import { type PanelWorld, shot, startPanelWorld } from './panel-harness.ts';

test.describe.configure({ mode: 'serial' });

let world: PanelWorld;
test.beforeAll(async () => {
  world = await startPanelWorld({ proxy: false });
});
test.afterAll(async () => {
  await world?.stop();
});

test('the launcher mounts once, in the top frame, and opens the drawer on the page service', async () => {
  const page = await world.openPanel('#/web/email_pro/emailpro-ab12345-1');
  await expect(page.getByTestId('panel-launcher')).toHaveCount(1);
  await expect(
    page.frameLocator('iframe[title="Produit"]').getByTestId('panel-launcher'),
  ).toHaveCount(0);
  await page.getByTestId('panel-launcher').click();
  await expect(page.getByTestId('panel-drawer')).toBeVisible();
  await expect(page.getByTestId('page-service')).toContainText('emailpro-ab12345-1');
  await expect(page.getByTestId('proxy-banner')).toBeVisible();
  await shot(page, 'en-00-home');
  // In-app navigation (replaceState + ovh-routing-hash-change) is followed.
  await page.evaluate(() =>
    (window as unknown as { sandboxNavigate(h: string): void }).sandboxNavigate(
      '#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account',
    ),
  );
  await expect(page.getByTestId('page-service')).toContainText('hosted-ab12345-1');
  await page.getByTestId('start-wizard').click();
  await expect(page.getByTestId('account-option')).toHaveCount(3);
  await shot(page, 'en-01-source');
});
