// A run survives a closed tab in the middle of the copy and a browser restart: the panel opens on
// the resume view and finishes, with the destination equal to the source.

import { test } from '@playwright/test';
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
test.setTimeout(300_000);

let world: PanelWorld;
test.beforeAll(async () => {
  world = await startPanelWorld();
});
test.afterAll(async () => {
  await world?.stop();
});

async function openResume(hash: string) {
  const page = await world.openPanel(hash);
  await page.getByTestId('panel-launcher').click();
  await expect(page.getByTestId('resume-list')).toBeVisible();
  await page.getByTestId('resume-open').first().click();
  await expect(page.getByTestId('run-view')).toBeVisible();
  return page;
}

test('a closed tab mid-copy, then a browser restart: the resume view finishes the run', async () => {
  const CLAIRE = 'claire@boulangerie-petit.test';
  const before = await snapshotMailbox(
    mailEndpoint(world.sandbox, 'pro1.mail.sandbox.test', CLAIRE, 'Cp-Sandbox-2025!'),
  );
  const hash = '#/web/email_pro/emailpro-ab12345-1';
  let page = await world.openPanel(hash);
  const { destinationPassword } = await walkWizard(page, {
    account: CLAIRE,
    destination: 'hosted-ab12345-1',
    sourcePassword: 'Cp-Sandbox-2025!',
  });
  await page.getByTestId('plan-start').click();
  await expect(page.locator('[data-testid="task"][data-step="copy_content"]')).toHaveAttribute(
    'data-status',
    'running',
    { timeout: 90_000 },
  );
  await page.close();

  page = await openResume(hash);
  await expect(page.getByTestId('resume-list')).toHaveCount(0);
  await shot(page, 'en-resume-after-closed-tab');
  // An interrupted run says so in its badge as in its message (its state still says running).
  if (await page.getByTestId('run-interrupted').isVisible())
    await expect(page.getByTestId('run-status')).toHaveText('interrupted');
  // Let it run again, then restart the whole browser before it ends.
  if (await page.getByTestId('run-resume').isVisible())
    await page.getByTestId('run-resume').click();
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-busy', 'true', {
    timeout: 60_000,
  });
  await world.restartBrowser();

  page = await openResume(hash);
  await shot(page, 'en-resume-after-restart');
  await expect(page.getByTestId('run-view')).toHaveAttribute(
    'data-status',
    /running|paused|needs_passwords|ready/,
  );
  if (
    await page
      .getByTestId('run-resume')
      .isVisible()
      .catch(() => false)
  )
    await page.getByTestId('run-resume').click();
  // The browser forgot the passwords (session storage): the panel asks for them again.
  const again = page.getByTestId('passwords-again');
  await expect(
    again.or(page.locator('[data-testid="run-view"][data-status="completed"]')),
  ).toBeVisible({ timeout: 120_000 });
  if (await again.isVisible()) {
    await shot(page, 'en-resume-passwords');
    if (await page.getByTestId('again-source').isVisible())
      await page.getByTestId('again-source').fill('Cp-Sandbox-2025!');
    await page.getByTestId('again-destination').fill(destinationPassword);
    await page.getByTestId('again-submit').click();
  }
  await waitForStatus(page, 'completed', 180_000);
  await expectSameMailbox(
    world.sandbox,
    before,
    'ex5.mail.sandbox.test',
    CLAIRE,
    destinationPassword,
  );
});
