// A person's complete migrations by clicks only, in the built extension on the fake control
// panel: Exchange → E-mail Pro (English) and E-mail Pro → MX Plan (French). Each ends with the
// destination mailbox equal to the source over IMAP and the API in the guide's end state.

import { test } from '@playwright/test';
import { createOvhClient } from '../../lib/ovh-api/index.ts';
import { createAdapters } from '../../lib/platforms/index.ts';
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
  world = await startPanelWorld();
});
test.afterAll(async () => {
  await world?.stop();
});

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
