// The PST backup an Exchange source can have made before it moves, by clicks at the plan step,
// against the sandbox's Exchange export endpoints (…/account/{email}/export, …/exportURL): the
// request, OVHcloud's progress, the download link with its expiry; a failed export said in
// plain words with a retry. English, then French.

import { test } from '@playwright/test';
import { createOvhClient } from '../../lib/ovh-api/index.ts';
import { createAdapters } from '../../lib/platforms/index.ts';
import { expect } from './fixtures.ts';
import { type PanelWorld, shot, startPanelWorld } from './panel-harness.ts';
import { walkWizard } from './panel-helpers.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

let world: PanelWorld;
test.beforeAll(async () => {
  world = await startPanelWorld();
});
test.afterAll(async () => {
  await world?.stop();
});

const EXCHANGE = '#/web/exchange/hosted-ab12345-1/hosted-ab12345-1/account';
const ex1 = {
  kind: 'exchange',
  organization: 'hosted-ab12345-1',
  service: 'hosted-ab12345-1',
} as const;

/** The sandbox's API on the page's session, through the adapters the panel uses. */
const api = () =>
  createAdapters(
    createOvhClient({
      baseUrl: world.sandbox.apiBase,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Cookie', world.sandbox.sessionCookie);
        return fetch(input, { ...init, headers });
      },
    }),
  );

/**
 * The plan for `account`, whose offer says `title`; the backup asked for with OVHcloud's tasks
 * taking seconds (so that each phase can be seen) until its progress says `progress`.
 */
async function exportSlowly(
  account: string,
  sourcePassword: string,
  words: { title: string; requesting: string; progress: RegExp },
) {
  const page = await world.openPanel(EXCHANGE);
  await walkWizard(page, { account, destination: 'emailpro-ab12345-1', sourcePassword });
  const offer = page.getByTestId('pst-offer');
  await expect(offer).toContainText(words.title);
  world.sandbox.faults.set({ taskStepMs: 1500 });
  await page.getByTestId('pst-start').click();
  // Said by the panel's one live region, not by one of the offer's own.
  await expect(page.getByTestId('panel-announcer')).toContainText(words.requesting);
  await expect(page.getByTestId('panel-root').locator('[role="status"]')).toHaveCount(1);
  await expect(page.getByTestId('pst-progress')).toContainText(words.progress, {
    timeout: 30_000,
  });
  return { page, offer };
}

test('a PST backup by clicks: requested, its progress, the link and its expiry (EN)', async () => {
  const JEAN = 'jean.dupont@dupont-avocats.test';
  const { page, offer } = await exportSlowly(JEAN, 'Jd-Sandbox-2025!', {
    title: 'Backup before the move (PST)',
    requesting: 'Asking Exchange for the backup…',
    progress: /of the PST file made by OVHcloud|download link/,
  });
  await offer.scrollIntoViewIfNeeded();
  await shot(page, 'en-pst-progress');
  world.sandbox.faults.set({ taskStepMs: null });
  await expect(page.getByTestId('pst-ready')).toBeVisible({ timeout: 90_000 });
  const link = page.getByTestId('pst-link');
  await expect(link).toHaveAttribute('href', /^https:\/\/pst\.sandbox\.test\/export\/.+\.pst$/);
  await expect(page.getByTestId('pst-expires')).toContainText('link valid until');
  await expect(page.getByTestId('panel-announcer')).toContainText('The PST backup is ready.');
  await offer.scrollIntoViewIfNeeded();
  await shot(page, 'en-pst-ready');
  // The link the panel shows is the one the API gives.
  const again = await api().exchange.exportPst?.(ex1, JEAN);
  expect(await link.getAttribute('href')).toBe(again?.url);
  await page.close();
});

test('a failed export says so, with a retry (EN)', async () => {
  const ACCUEIL = 'accueil@dupont-avocats.test';
  world.sandbox.faults.set({ failTasks: [{ function: 'addExportPstRequest', target: ACCUEIL }] });
  const page = await world.openPanel(EXCHANGE);
  await walkWizard(page, {
    account: ACCUEIL,
    destination: 'emailpro-ab12345-1',
    sourcePassword: 'Acc-Sandbox-2025!',
  });
  await page.getByTestId('pst-start').click();
  const error = page.getByTestId('pst-error');
  await expect(error).toContainText('The PST backup could not be made.', { timeout: 60_000 });
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('pst-retry')).toBeVisible();
  await error.scrollIntoViewIfNeeded();
  await shot(page, 'en-pst-failed');
  await world.setLanguage('fr');
  await expect(error).toContainText('La sauvegarde PST n’a pas pu être faite.');
  await shot(page, 'fr-pst-failed');
  await world.setLanguage('auto');
  world.sandbox.faults.clear();
  await page.close();
});

test('the same in French: progress, then the link with its expiry', async () => {
  const MARIE = 'marie.martin@dupont-avocats.test';
  await world.setLanguage('fr');
  const { page, offer } = await exportSlowly(MARIE, 'Mm-Sandbox-2025!', {
    title: 'Sauvegarde avant le déplacement (PST)',
    requesting: 'Demande de la sauvegarde à Exchange…',
    progress: /du fichier PST produit par OVHcloud|lien de téléchargement/,
  });
  await offer.scrollIntoViewIfNeeded();
  await shot(page, 'fr-pst-progress');
  world.sandbox.faults.set({ taskStepMs: null });
  await expect(page.getByTestId('pst-ready')).toContainText('La sauvegarde PST est prête.', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('pst-expires')).toContainText('lien valable jusqu’au');
  await expect(page.getByTestId('panel-announcer')).toContainText('La sauvegarde PST est prête.');
  await offer.scrollIntoViewIfNeeded();
  await shot(page, 'fr-pst-ready');
  await world.setLanguage('auto');
  await page.close();
});
