// Several accounts in one go, by clicks: ticked one by one (Exchange → E-mail Pro), or read from
// the CSV the runner takes (E-mail Pro → Exchange, with each account's passwords). One combined
// run view and report; every destination mailbox ends equal to its source over IMAP.

import type { Page } from '@playwright/test';
import { test } from '@playwright/test';
import { expect } from './fixtures.ts';
import { type PanelWorld, shot, startPanelWorld } from './panel-harness.ts';
import { expectSameMailbox, mailEndpoint, snapshotMailbox } from './panel-helpers.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

let world: PanelWorld;
test.beforeAll(async () => {
  world = await startPanelWorld({ sandbox: { bigServiceAccounts: 30 } });
});
test.afterAll(async () => {
  await world?.stop();
});

/** Destination, passwords (nothing to type in a batch), plan, start; returns the batch view. */
async function finishBatchWizard(page: Page, destination: string, shots: string) {
  await page.getByTestId('wizard-next').click();
  const option = page.locator(`[data-testid="destination-option"][data-service="${destination}"]`);
  await expect(option).not.toHaveAttribute('data-fit', 'loading', { timeout: 60_000 });
  await option.click();
  await shot(page, `${shots}-2-destination`);
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('batch-passwords')).toBeVisible();
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('batch-plan')).toBeVisible();
  await shot(page, `${shots}-4-plan`);
  await page.getByTestId('batch-start').click();
  await expect(page.getByTestId('batch-view')).toBeVisible();
}

test('several accounts ticked by clicks, Exchange → E-mail Pro: one view, one report, same mailboxes', async () => {
  const accounts = {
    'jean.dupont@dupont-avocats.test': 'Jd-Sandbox-2025!',
    'marie.martin@dupont-avocats.test': 'Mm-Sandbox-2025!',
  };
  const before = new Map<string, Awaited<ReturnType<typeof snapshotMailbox>>>();
  for (const [address, password] of Object.entries(accounts)) {
    before.set(
      address,
      await snapshotMailbox(
        mailEndpoint(world.sandbox, 'ex5.mail.sandbox.test', address, password),
      ),
    );
  }

  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  await page.getByTestId('panel-launcher').click();
  await page.getByTestId('start-wizard').click();
  await expect(page.getByTestId('account-option')).toHaveCount(3, { timeout: 60_000 });
  await page.getByTestId('batch-toggle').click();
  for (const address of Object.keys(accounts)) {
    await page.locator(`[data-testid="account-option"][data-address="${address}"]`).click();
  }
  await expect(page.getByTestId('batch-summary')).toContainText('2 accounts');
  await shot(page, 'en-batch-1-source');
  await finishBatchWizard(page, 'emailpro-ab12345-1', 'en-batch');

  const lines = page.getByTestId('batch-line');
  await expect(lines).toHaveCount(2);
  await expect(page.getByTestId('batch-progress').first()).toBeVisible({ timeout: 120_000 });
  await shot(page, 'en-batch-5-running');
  await expect(page.getByTestId('batch-view')).toHaveAttribute('data-done', 'true', {
    timeout: 240_000,
  });
  await expect(page.getByTestId('batch-report')).toContainText('Completed: 2. Failed: 0.');
  await expect(page.getByTestId('panel-announcer')).toContainText('Completed: 2.');
  await shot(page, 'en-batch-7-report');

  for (const address of Object.keys(accounts)) {
    const line = page.locator(`[data-testid="batch-line"][data-address="${address}"]`);
    await expect(line).toHaveAttribute('data-status', 'completed');
    const password = (await line.getByTestId('batch-password').textContent()) ?? '';
    expect(password).not.toBe('');
    await expectSameMailbox(
      world.sandbox,
      before.get(address) as Awaited<ReturnType<typeof snapshotMailbox>>,
      'pro1.mail.sandbox.test',
      address,
      password,
    );
  }
  await page.close();
});

test('a CSV of accounts and their passwords, E-mail Pro → Exchange, in French: same mailboxes', async () => {
  const accounts = [
    ['employe01@grand-groupe.test', 'Gg-Sandbox-01!', 'Xq7-Migration-2025!a'],
    ['employe02@grand-groupe.test', 'Gg-Sandbox-02!', 'Xq7-Migration-2025!b'],
  ] as const;
  const before = new Map<string, Awaited<ReturnType<typeof snapshotMailbox>>>();
  for (const [address, password] of accounts) {
    before.set(
      address,
      await snapshotMailbox(
        mailEndpoint(world.sandbox, 'pro1.mail.sandbox.test', address, password),
      ),
    );
  }
  const csv = [
    'address;source_password;destination_password',
    ...accounts.map((row) => row.join(';')),
  ].join('\r\n');

  const page = await world.browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('univers-selected-language', 'fr_FR'));
  await page.goto('https://www.ovh.com/manager/#/web/email_pro/emailpro-ab12345-2');
  await page.getByTestId('panel-launcher').click();
  await page.getByTestId('start-wizard').click();
  await expect(page.getByTestId('account-option').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('batch-toggle').click();
  // A file the runner cannot use is said so, and nothing is selected.
  await page.getByTestId('csv-import').setInputFiles({
    name: 'comptes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('address\r\ninconnu@grand-groupe.test\r\n'),
  });
  await expect(
    page.getByRole('alert').filter({ hasText: 'inconnu@grand-groupe.test' }),
  ).toBeVisible();
  await shot(page, 'fr-batch-csv-0-error');
  await page.getByTestId('csv-import').setInputFiles({
    name: 'comptes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(page.getByTestId('csv-error')).toHaveCount(0);
  await expect(page.getByTestId('batch-summary')).toContainText('2');
  await shot(page, 'fr-batch-csv-1-source');
  await finishBatchWizard(page, 'hosted-ab12345-2', 'fr-batch-csv');
  await expect(page.getByTestId('batch-view')).toHaveAttribute('data-done', 'true', {
    timeout: 240_000,
  });
  await expect(page.getByTestId('batch-report')).toContainText('2');
  await shot(page, 'fr-batch-csv-7-report');
  for (const [address, , destinationPassword] of accounts) {
    await expect(
      page.locator(`[data-testid="batch-line"][data-address="${address}"]`),
    ).toHaveAttribute('data-status', 'completed');
    await expectSameMailbox(
      world.sandbox,
      before.get(address) as Awaited<ReturnType<typeof snapshotMailbox>>,
      'ex5.mail.sandbox.test',
      address,
      destinationPassword,
    );
  }
  await page.close();
});
