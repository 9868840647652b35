// A person's complete migrations by clicks only, in the built extension on the fake control
// panel: Exchange → E-mail Pro (English) and E-mail Pro → MX Plan (French). Each ends with the
// destination mailbox equal to the source over IMAP and the API in the guide's end state.

import { readFile } from 'node:fs/promises';
import { type Page, test } from '@playwright/test';
import { createOvhClient } from '../../lib/ovh-api/index.ts';
import { createAdapters } from '../../lib/platforms/index.ts';
import { MESSAGE_LOG_CSV_COLUMNS } from '../../lib/proxy-contract/index.ts';
import { expect } from './fixtures.ts';
import { PANEL_ORIGIN, type PanelWorld, shot, startPanelWorld } from './panel-harness.ts';
import {
  expectSameMailbox,
  mailEndpoint,
  seedMail,
  snapshotMailbox,
  waitForStatus,
  walkWizard,
} from './panel-helpers.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

let world: PanelWorld;
test.beforeAll(async () => {
  world = await startPanelWorld();
});
test.afterAll(async () => {
  await world?.stop();
});

/** Clicks a download button of the report; the file's text. */
async function downloaded(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testid).click(),
  ]);
  return readFile(await file.path(), 'utf8');
}

const adapters = () => {
  const { sandbox } = world;
  const client = createOvhClient({
    baseUrl: sandbox.apiBase,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('Cookie', sandbox.sessionCookie);
      return fetch(input, { ...init, headers });
    },
  });
  return createAdapters(client);
};

test('Exchange → E-mail Pro by clicks: same mailbox, the guide’s end state, the report', async () => {
  const JEAN = 'jean.dupont@dupont-avocats.test';
  const before = await snapshotMailbox(
    mailEndpoint(world.sandbox, 'ex5.mail.sandbox.test', JEAN, 'Jd-Sandbox-2025!'),
  );
  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  const { destinationPassword } = await walkWizard(page, {
    account: JEAN,
    destination: 'emailpro-ab12345-1',
    sourcePassword: 'Jd-Sandbox-2025!',
    shots: 'en-ex-pro',
  });
  await expect(page.getByTestId('plan')).toHaveAttribute('data-runnable', 'true');
  await expect(page.getByTestId('pst-offer')).toBeVisible();
  await page.getByTestId('plan-start').click();
  await expect(page.getByTestId('run-view')).toBeVisible();
  await expect(page.getByTestId('run-heading')).toBeFocused();
  await shot(page, 'en-ex-pro-5-running');
  await expect(page.getByTestId('copy-progress')).toBeVisible({ timeout: 60_000 });
  await shot(page, 'en-ex-pro-6-copying');
  await waitForStatus(page, 'completed');
  await expect(page.getByTestId('report-folder')).not.toHaveCount(0);
  await expect(page.locator('[data-testid="report-folder"][data-match="false"]')).toHaveCount(0);
  await expect(page.getByTestId('panel-announcer')).toContainText('completed');
  await shot(page, 'en-ex-pro-7-report');

  // The proxy's per-message log: one CSV line per source message, and in the JSON report too.
  const csv = (await downloaded(page, 'report-log-csv')).trimEnd().split('\r\n');
  expect(csv[0]).toBe(MESSAGE_LOG_CSV_COLUMNS.join(','));
  expect(csv).toHaveLength(before.messageCount + 1);
  const json = JSON.parse(await downloaded(page, 'report-json')) as {
    messageLog: Array<{ outcome: string; messageId?: string }>;
  };
  expect(json.messageLog).toHaveLength(before.messageCount);
  expect(json.messageLog.every((m) => m.outcome === 'copied')).toBe(true);
  await expect(page.getByTestId('report-log-error')).toHaveCount(0);
  // Copy as text: the clipboard holds the report.
  await world.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: PANEL_ORIGIN,
  });
  await page.getByTestId('report-copy').click();
  await expect(page.getByTestId('report-copy')).toHaveText('Copied');
  await expect(page.getByTestId('report-copy-error')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(JEAN);
  // With the proxy stopped, the panel says where the log is and what to do.
  await world.proxy?.kill();
  await page.getByTestId('report-log-csv').click();
  await expect(page.getByTestId('report-log-error')).toContainText(
    'The message log could not be downloaded.',
  );
  await page.getByTestId('report-log-error').scrollIntoViewIfNeeded();
  await shot(page, 'en-ex-pro-8-report-log-error');
  await world.startProxy();

  await expectSameMailbox(
    world.sandbox,
    before,
    'pro1.mail.sandbox.test',
    JEAN,
    destinationPassword,
  );
  const api = adapters();
  const ex1 = {
    kind: 'exchange',
    organization: 'hosted-ab12345-1',
    service: 'hosted-ab12345-1',
  } as const;
  const pro1 = { kind: 'email_pro', service: 'emailpro-ab12345-1' } as const;
  expect(await api.email_pro.getAccount(pro1, JEAN)).toMatchObject({
    configured: true,
    freeSlot: false,
  });
  expect((await api.exchange.getAccount(ex1, 'jean.dupont01@dupont-avocats.test')).state).toBe(
    'ok',
  );
  for (const [adapter, ref] of [
    [api.exchange, ex1],
    [api.email_pro, pro1],
  ] as const) {
    expect(await adapter.getDomain(ref, 'dupont-avocats.test')).toMatchObject({
      type: 'nonAuthoritative',
    });
  }
  expect((await api.email_pro.listAliases(pro1, JEAN)).sort()).toEqual([
    'direction@dupont-avocats.test',
    'jdupont@dupont-avocats.test',
  ]);
});

test('E-mail Pro → MX Plan by clicks, in French: same mailbox, the domain shared, the report', async () => {
  // The customer's account on MX Plan's own domain, hosted on E-mail Pro (as in pairs.test.ts).
  const api = adapters();
  const RELAY = 'mx1.mail.sandbox.test';
  const mx = { kind: 'mxplan', service: 'mxplan-ab12345-1' } as const;
  const pro1 = { kind: 'email_pro', service: 'emailpro-ab12345-1' } as const;
  const MARTIN = 'martin@cabinet-leroy.test';
  await api.mxplan.changeDomain(mx, 'cabinet-leroy.test', {
    type: 'nonAuthoritative',
    mxRelay: RELAY,
  });
  await api.email_pro.addDomain(pro1, {
    name: 'cabinet-leroy.test',
    type: 'nonAuthoritative',
    mxRelay: RELAY,
  });
  const [slot] = await api.email_pro.listFreeSlots(pro1);
  if (!slot) throw new Error('no free slot');
  await api.email_pro.configureSlot(pro1, slot.address, {
    login: 'martin',
    domain: 'cabinet-leroy.test',
    displayName: 'Martin',
  });
  await api.email_pro.changePassword(pro1, MARTIN, 'Mn-Sandbox-2025!');
  await seedMail(world.sandbox, 'pro1.mail.sandbox.test', MARTIN, 'Mn-Sandbox-2025!');
  const before = await snapshotMailbox(
    mailEndpoint(world.sandbox, 'pro1.mail.sandbox.test', MARTIN, 'Mn-Sandbox-2025!'),
  );

  const page = await world.browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('univers-selected-language', 'fr_FR'));
  await page.goto('https://www.ovh.com/manager/#/web/email_pro/emailpro-ab12345-1');
  await expect(page.getByTestId('panel-launcher')).toHaveText('Migrer de plateforme');
  await shot(page, 'fr-00-launcher');
  const { destinationPassword } = await walkWizard(page, {
    account: MARTIN,
    destination: 'mxplan-ab12345-1',
    sourcePassword: 'Mn-Sandbox-2025!',
    shots: 'fr-pro-mx',
  });
  await expect(page.getByTestId('plan')).toHaveAttribute('data-runnable', 'true');
  await expect(page.getByTestId('plan')).toContainText('Ce qui ne sera pas migré');
  await page.getByTestId('plan-start').click();
  await expect(page.getByTestId('copy-progress')).toBeVisible({ timeout: 60_000 });
  await shot(page, 'fr-pro-mx-6-copying');
  await waitForStatus(page, 'completed');
  await expect(page.getByTestId('report-summary')).toContainText('a été déplacé');
  await expect(page.getByTestId('panel-announcer')).toContainText('Migration terminée');
  await shot(page, 'fr-pro-mx-7-report');
  await page.getByTestId('report-summary').scrollIntoViewIfNeeded();
  await page.getByTestId('free-source').scrollIntoViewIfNeeded();
  await shot(page, 'fr-pro-mx-8-report-end');
  // The proxy stopped: the JSON still downloads, and the panel says the log is missing from it.
  await world.proxy?.kill();
  const json = JSON.parse(await downloaded(page, 'report-json')) as {
    messageLogError?: { code: string };
  };
  expect(json.messageLogError?.code).toBe('unreachable');
  await expect(page.getByTestId('report-log-error')).toContainText(
    'Le JSON a été téléchargé sans le journal des messages.',
  );
  await page.getByTestId('report-log-error').scrollIntoViewIfNeeded();
  await shot(page, 'fr-pro-mx-8-report-log-missing');
  await world.startProxy();

  await expectSameMailbox(world.sandbox, before, 'ssl0.sandbox.test', MARTIN, destinationPassword);
  expect(await api.mxplan.getAccount(mx, MARTIN)).toMatchObject({ configured: true });
  expect((await api.email_pro.getAccount(pro1, 'martin01@cabinet-leroy.test')).state).toBe('ok');

  // The domain's MX still points to its former host: the report says so and fixes it in one
  // confirmation that names the records; the diagnosis is read again and nothing is left by hand.
  const mxRow = page.locator('[data-testid="dns-row"][data-record="mx"]');
  await expect(mxRow).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('report-manual')).toContainText('Corrigez le DNS de cabinet-leroy');
  await page.getByTestId('dns-section').scrollIntoViewIfNeeded();
  await page.getByTestId('dns-fix').click();
  const dnsDialog = page.getByTestId('dns-dialog');
  await expect(dnsDialog).toContainText(
    'Enregistrements MX : remplacer 1 mx.autre-hebergeur.test.',
  );
  await expect(dnsDialog).toContainText('1 mx1.mail.sandbox.test.');
  await shot(page, 'fr-pro-mx-9-dns-confirm');
  await page.getByTestId('dns-dialog-confirm').click();
  await expect(page.getByTestId('dns-fixed')).toContainText('La zone DNS a été modifiée');
  await expect(mxRow).toHaveAttribute('data-valid', 'true');
  await expect(page.getByTestId('report-manual')).not.toContainText('Corrigez le DNS');
  expect((await api.mxplan.getDomain(mx, 'cabinet-leroy.test'))?.dns.mxValid).toBe(true);
  await shot(page, 'fr-pro-mx-9-dns-fixed');

  // Freeing the renamed source, with its confirmation.
  await page.getByTestId('free-source-open').click();
  await expect(page.getByTestId('free-dialog')).toContainText('irréversible');
  await shot(page, 'fr-pro-mx-10-free-confirm');
  await page.getByTestId('free-dialog-confirm').click();
  await expect(page.getByTestId('source-freed')).toBeVisible({ timeout: 60_000 });
  await page.close();
});
