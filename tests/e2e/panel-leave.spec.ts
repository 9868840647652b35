// Leaving the control panel while the panel changes something through the OVHcloud API asks
// first (`beforeunload`, issue 9); once nothing is in flight, the page closes without a question.
// Staying keeps the run going to the end.

import { type Dialog, test } from '@playwright/test';
import { expect } from './fixtures.ts';
import { type PanelWorld, startPanelWorld } from './panel-harness.ts';
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

test('closing the tab during an API change asks first; after the run it does not', async () => {
  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  await walkWizard(page, {
    account: 'jean.dupont@dupont-avocats.test',
    destination: 'emailpro-ab12345-1',
    sourcePassword: 'Jd-Sandbox-2025!',
  });
  const dialogs: Dialog[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog);
    void dialog.dismiss();
  });
  // Slow OVHcloud tasks: the domain step is sharing the domain through the API for a while.
  world.sandbox.faults.set({ taskStepMs: 4000 });
  await page.getByTestId('plan-start').click();
  await expect(
    page.locator('[data-testid="task"][data-step="ensure_domain"] [data-testid="task-waiting"]'),
  ).toBeVisible({ timeout: 30_000 });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]?.type()).toBe('beforeunload');
  // Dismissed: the person stays, the run goes on.
  expect(page.isClosed()).toBe(false);
  world.sandbox.faults.clear();
  await waitForStatus(page, 'completed');

  // Nothing in flight any more: the tab closes without asking.
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toHaveLength(1);
});
