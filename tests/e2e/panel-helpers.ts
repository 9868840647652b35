// Clicks a person makes in the panel, shared by the panel specs.

import type { Page } from '@playwright/test';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import type { Sandbox } from '../sandbox/index.ts';
import { expect } from './fixtures.ts';
import { shot } from './panel-harness.ts';

export interface WizardChoice {
  account: string;
  destination: string;
  /** Typed as the source's current password; absent: a new one is set on the renamed source. */
  sourcePassword?: string;
  /** Prefix for screenshots of each step (`en-ex-pro`), none when absent. */
  shots?: string;
  /** Called at each step once it is shown (`1-source` … `4-plan`), after its screenshot. */
  at?: (step: string) => Promise<void>;
}

/** Launcher → new migration → source → destination → passwords → plan; returns the plan's passwords. */
export async function walkWizard(page: Page, choice: WizardChoice) {
  const snap = async (name: string) => {
    if (choice.shots) await shot(page, `${choice.shots}-${name}`);
    await choice.at?.(name);
  };
  await page.getByTestId('panel-launcher').click();
  await page.getByTestId('start-wizard').click();
  await page
    .locator(`[data-testid="account-option"][data-address="${choice.account}"]`)
    .click({ timeout: 60_000 });
  await snap('1-source');
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('step-heading')).toBeFocused();
  const destination = page.locator(
    `[data-testid="destination-option"][data-service="${choice.destination}"]`,
  );
  await expect(destination).not.toHaveAttribute('data-fit', 'loading', { timeout: 60_000 });
  await destination.click();
  await snap('2-destination');
  await page.getByTestId('wizard-next').click();
  if (choice.sourcePassword) {
    await page.getByTestId('source-mode-keep').check();
    await page.getByTestId('source-password').fill(choice.sourcePassword);
  } else {
    await page.getByTestId('source-mode-set').check();
  }
  await snap('3-passwords');
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('plan')).toBeVisible({ timeout: 30_000 });
  await snap('4-plan');
  // A plan that cannot start shows no generated password (the next plan makes new ones).
  if ((await page.getByTestId('plan').getAttribute('data-runnable')) === 'false') {
    return { destinationPassword: '', sourcePassword: choice.sourcePassword ?? '' };
  }
  const destinationPassword = await page.getByTestId('generated-destination').textContent();
  const sourcePassword =
    choice.sourcePassword ?? (await page.getByTestId('generated-source').textContent());
  return { destinationPassword: destinationPassword ?? '', sourcePassword: sourcePassword ?? '' };
}

export async function waitForStatus(page: Page, status: string, timeout = 120_000) {
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', status, { timeout });
}

/** The destination mailbox equals the source's snapshot, message by message. */
export async function expectSameMailbox(
  sandbox: Sandbox,
  before: Awaited<ReturnType<typeof snapshotMailbox>>,
  host: string,
  user: string,
  password: string,
) {
  const after = await snapshotMailbox(mailEndpoint(sandbox, host, user, password));
  expect(compareSnapshots(before, after)).toEqual([]);
}

export function mailEndpoint(sandbox: Sandbox, host: string, user: string, password: string) {
  const login = sandbox.imapLogin(host, user, password);
  return { host: login.host, port: login.port, user, password, secure: true, ca: login.ca };
}

export { snapshotMailbox };

/** `use` with an IMAP session logged in to a sandbox mailbox, logged out after. */
async function withImap(
  sandbox: Sandbox,
  host: string,
  user: string,
  password: string,
  use: (client: import('imapflow').ImapFlow) => Promise<void>,
) {
  const { ImapFlow } = await import('imapflow');
  const login = sandbox.imapLogin(host, user, password);
  const client = new ImapFlow({
    host: login.host,
    port: login.port,
    secure: true,
    servername: login.servername,
    tls: { ca: login.ca },
    auth: { user, pass: password },
    logger: false,
  });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.logout();
  }
}

/** Appends a few messages (two folders) to a sandbox mailbox over IMAP. */
export async function seedMail(sandbox: Sandbox, host: string, user: string, password: string) {
  await withImap(sandbox, host, user, password, async (client) => {
    await client.mailboxCreate('Dossiers').catch(() => undefined);
    for (const [folder, n] of [
      ['INBOX', 1],
      ['INBOX', 2],
      ['Dossiers', 3],
    ] as const) {
      const message = [
        'From: client@example.test',
        `To: ${user}`,
        `Subject: [${user}] message ${n}`,
        `Message-ID: <seed-${n}-${user}>`,
        'Date: Mon, 02 Jun 2025 10:00:00 +0200',
        '',
        `Bonjour, message ${n}.`,
        '',
      ].join('\r\n');
      await client.append(folder, message, ['\\Seen']);
    }
  });
}

/** Appends `count` small messages to a sandbox mailbox's folder (a copy that takes a while). */
export async function seedMany(
  sandbox: Sandbox,
  host: string,
  user: string,
  password: string,
  count: number,
  folder = 'Archives',
) {
  await withImap(sandbox, host, user, password, async (client) => {
    await client.mailboxCreate(folder).catch(() => undefined);
    for (let n = 1; n <= count; n += 1) {
      const message = [
        'From: archives@example.test',
        `To: ${user}`,
        `Subject: [${user}] archive ${n}`,
        `Message-ID: <bulk-${n}-${user}>`,
        `Date: Tue, 03 Jun 2025 ${String(8 + (n % 10)).padStart(2, '0')}:00:00 +0200`,
        '',
        `Archive ${n}.`,
        // About 4 KB each, so that a slow line shows the copy's progress.
        ...Array.from({ length: 50 }, (_, line) => `${n}-${line} `.padEnd(76, 'abcdefgh')),
        '',
      ].join('\r\n');
      await client.append(folder, message, n % 3 === 0 ? [] : ['\\Seen']);
    }
  });
}
