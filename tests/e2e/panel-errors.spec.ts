// The error paths, each reached by clicks, each named in plain words with the next action:
// proxy not running then started, a wrong token, a preflight failure, an expired session in the
// middle of a run (log in again, then resume), and a rollback after a failure that keeps every
// message of the source.

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
test.setTimeout(240_000);

let world: PanelWorld;
test.beforeAll(async () => {
  world = await startPanelWorld({ proxy: false });
});
test.afterAll(async () => {
  await world?.stop();
});

declare const chrome: { storage: { local: { set(items: object): Promise<void> } } };
const setPairing = (url: string, token: string) =>
  world.browser.serviceWorker.evaluate(
    (pairing) => chrome.storage.local.set({ proxyPairing: pairing }),
    { url, token },
  );

test('proxy not running, then started; a wrong token, then the right one', async () => {
  await setPairing('http://127.0.0.1:9', 'some-token');
  const page = await world.openPanel();
  await page.getByTestId('panel-launcher').click();
  const banner = page.getByTestId('proxy-banner');
  await expect(page.getByTestId('proxy-banner-state')).toHaveAttribute('data-state', 'unreachable');
  await expect(banner).toContainText('is not running at http://127.0.0.1:9');
  await expect(banner).toContainText('npm run proxy');
  await shot(page, 'en-err-proxy-not-running');

  const proxy = await world.startProxy();
  await setPairing(proxy.url, `${proxy.token.slice(0, -4)}0000`);
  await page.getByTestId('proxy-recheck').click();
  await expect(page.getByTestId('proxy-banner-state')).toHaveAttribute('data-state', 'unpaired');
  await expect(banner).toContainText('refused the pairing token');
  await shot(page, 'en-err-wrong-token');

  // The banner offers the pairing card; its "Check again" finds the right token set meanwhile.
  await expect(banner.getByTestId('pairing-start')).toBeVisible();
  await setPairing(proxy.url, proxy.token);
  await banner.getByTestId('proxy-check').click();
  await expect(banner).toHaveCount(0);
  await page.close();
});

test('a preflight failure: IMAP is off on the account, the plan says so and cannot start', async () => {
  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  await walkWizard(page, {
    account: 'accueil@dupont-avocats.test',
    destination: 'emailpro-ab12345-1',
    sourcePassword: 'Acc-Sandbox-2025!',
  });
  await expect(page.getByTestId('plan')).toHaveAttribute('data-runnable', 'false');
  // No password to note down for a run that cannot start.
  await expect(page.getByTestId('plan-generated')).toHaveCount(0);
  await expect(page.getByTestId('plan-failed')).toContainText('1 check failed');
  await expect(page.locator('[data-testid="check"][data-check="imap"]')).toHaveAttribute(
    'data-outcome',
    'fail',
  );
  await expect(page.locator('[data-testid="check"][data-check="imap"]')).toContainText(
    'Allow IMAP on this account',
  );
  await expect(page.getByTestId('plan-start')).toBeDisabled();
  await shot(page, 'en-err-preflight');
  await page.close();
});

test('the session expires mid-run: log in again, then resume to the end', async () => {
  const MARIE = 'marie.martin@dupont-avocats.test';
  const page = await world.openPanel('#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account');
  const { destinationPassword } = await walkWizard(page, {
    account: MARIE,
    destination: 'emailpro-ab12345-1',
    sourcePassword: 'Mm-Sandbox-2025!',
  });
  const before = await snapshotMailbox(
    mailEndpoint(world.sandbox, 'ex5.mail.sandbox.test', MARIE, 'Mm-Sandbox-2025!'),
  );
  await page.getByTestId('plan-start').click();
  await expect(page.locator('[data-testid="task"][data-step="rename_source"]')).toHaveAttribute(
    'data-status',
    /running|done/,
  );
  world.sandbox.faults.set({ session: 'invalid' });
  await waitForStatus(page, 'failed', 60_000);
  await expect(page.getByTestId('run-error-code')).toHaveAttribute('data-code', 'session_expired');
  await expect(page.getByTestId('run-error')).toContainText('Your OVHcloud session expired');
  await shot(page, 'en-err-session-expired');
  await page.getByTestId('relogin').click();
  // The login page sends the browser back to the control panel with a new session.
  await expect(page.getByTestId('panel-launcher')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('panel-launcher').click();
  await page.locator('[data-testid="resume-item"]').first().getByTestId('resume-open').click();
  await page.getByTestId('run-retry').click();
  await waitForStatus(page, 'completed');
  world.sandbox.faults.clear();
  await expectSameMailbox(
    world.sandbox,
    before,
    'pro1.mail.sandbox.test',
    MARIE,
    destinationPassword,
  );
  await page.close();
});

test('a failed step, then a rollback: its steps shown as it runs and after, the source with every message', async () => {
  const PAUL = 'paul@atelier-martin.test';
  const sourceLogin = mailEndpoint(
    world.sandbox,
    'ex5.mail.sandbox.test',
    PAUL,
    'Pm-Sandbox-2025!',
  );
  const before = await snapshotMailbox(sourceLogin);
  world.sandbox.faults.set({ failTasks: [{ function: 'changePassword', target: PAUL }] });
  const page = await world.openPanel('#/web/exchange/hosted-ab12345-2/hosted-ab12345-2/account');
  // A new password for the renamed source, which the run does not reach before it fails.
  const { sourcePassword } = await walkWizard(page, {
    account: PAUL,
    destination: 'emailpro-ab12345-1',
  });
  await page.getByTestId('plan-start').click();
  await waitForStatus(page, 'failed', 90_000);
  await expect(page.getByTestId('run-retry')).toBeVisible();
  await expect(page.getByTestId('run-rollback')).toBeVisible();
  await expect(page.getByTestId('run-error')).toContainText('could not be set up');
  await shot(page, 'en-run-failed');
  world.sandbox.faults.clear();
  await page.getByTestId('run-rollback').click();
  const dialog = page.getByTestId('rollback-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('No message is deleted');
  // What it will do, in order, before anything changes.
  await expect(dialog.getByTestId('rollback-dialog-steps').locator('li')).toHaveText([
    'Check that the mail on the destination can be copied back (passwords, proxy, logins).',
    'Rename the destination account away from the original address.',
    'Give the original address back to the source account.',
    'Copy back to the source what only the destination holds, verify it, then reset the destination account.',
    'Put the domain back as it was.',
  ]);
  await expect(dialog).toContainText('emptied only once everything it holds is verified');
  await shot(page, 'en-run-rollback-confirm');
  // OVHcloud's tasks take a while: the rollback's list shows the step it waits on.
  world.sandbox.faults.set({ taskStepMs: 3_000 });
  await page.getByTestId('rollback-dialog-confirm').click();
  await expect(page.getByTestId('rollback-steps')).toBeVisible();
  await expect(page.locator('[data-testid="rollback-step"][data-status="running"]')).toHaveCount(
    1,
    { timeout: 30_000 },
  );
  await shot(page, 'en-run-rolling-back');
  world.sandbox.faults.clear();
  await waitForStatus(page, 'rolled_back', 90_000);

  const steps = page.getByTestId('rollback-step');
  await expect(steps).toHaveCount(7);
  const statusOf = (id: string) => page.locator(`[data-testid="rollback-step"][data-step="${id}"]`);
  for (const id of ['check_copy_back', 'release_destination', 'source_back', 'drain_and_reset']) {
    await expect(statusOf(id)).toHaveAttribute('data-status', 'done');
  }
  await expect(statusOf('stop_copy')).toHaveAttribute('data-status', 'skipped');
  await expect(statusOf('stop_copy')).toContainText('nothing to undo');
  // Before its reset, the destination was checked: nothing reached it that the source lacked.
  // (Mail that did is listed per folder, rollback-folder; not provoked here: after this
  // failure the sandbox refuses an APPEND to the destination account.)
  const back = page.getByTestId('rollback-copied-back');
  await expect(back).toHaveAttribute('data-messages', '0');
  await expect(back).toContainText('nothing had to be copied back');
  // Left by hand, from the runner's warning key: the run had not set the new source password
  // yet; the rollback did, to copy back, and that password stays.
  const left = page.getByTestId('rollback-left');
  const warning = (key: string) =>
    left.locator(`[data-testid="rollback-warning"][data-key="rollback.warning.${key}"]`);
  await expect(left.getByTestId('rollback-warning')).toHaveCount(1);
  await expect(left).toContainText('Left to do by hand');
  await expect(warning('password_for_copy_back')).toHaveText(
    `The source got its new password so the mail could be copied back; it stays on ${PAUL}: use it from now on.`,
  );
  await shot(page, 'en-run-rolled-back');
  await world.setLanguage('fr');
  await expect(back).toContainText('il n’y avait donc rien à recopier');
  await expect(statusOf('drain_and_reset')).toContainText('fait');
  await expect(left).toContainText('Reste à faire à la main');
  await expect(warning('password_for_copy_back')).toHaveText(
    `La source a reçu son nouveau mot de passe pour que le courrier puisse y être recopié ; il reste sur ${PAUL} : utilisez-le désormais.`,
  );
  await world.setLanguage('auto');

  await expectSameMailbox(world.sandbox, before, 'ex5.mail.sandbox.test', PAUL, sourcePassword);
  await page.close();
});
