// The runner's passwords as the extension keeps them: the content script's SecretStore sends
// messages (lib/browser/secret-store.ts), the background keeps the passwords in session storage
// (entrypoints/background/secrets.ts). Both sides run here on WXT's fake browser, connected by
// its runtime messaging.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSecretsHandlers } from '../../entrypoints/background/secrets.ts';
import { createSecretStore, isSecretStoreError } from '../../lib/browser/secret-store.ts';
import { onMessages, sendMessage } from '../../lib/messaging.ts';
import { migrationSecrets } from '../../lib/storage.ts';
import { backgroundHandlers } from './helpers.ts';

let stopBackground: () => void = () => {};

/** Starts "the background": a fresh set of handlers, as a restarted service worker has. */
function startBackground() {
  stopBackground();
  stopBackground = onMessages(
    backgroundHandlers(createSecretsHandlers({ store: migrationSecrets() })),
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  startBackground();
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('the content script’s password store, kept by the background', () => {
  it('keeps passwords per run and forgets one run’s without touching another’s', async () => {
    const secrets = createSecretStore();
    await secrets.set('run-a', 'sourcePassword', 'S3cret-source');
    await secrets.set('run-a', 'destinationPassword', 'S3cret-destination');
    await secrets.set('run-b', 'sourcePassword', 'other-run');
    expect(await secrets.get('run-a', 'sourcePassword')).toBe('S3cret-source');
    expect(await secrets.get('run-a', 'destinationPassword')).toBe('S3cret-destination');
    expect(await secrets.get('run-c', 'sourcePassword')).toBeUndefined();

    await secrets.clear('run-a');
    expect(await secrets.get('run-a', 'sourcePassword')).toBeUndefined();
    expect(await secrets.get('run-a', 'destinationPassword')).toBeUndefined();
    expect(await secrets.get('run-b', 'sourcePassword')).toBe('other-run');
  });

  it('writes them to session storage only, never to local storage', async () => {
    const secrets = createSecretStore();
    await secrets.set('run-a', 'sourcePassword', 'S3cret-source');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('S3cret');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain('S3cret-source');
  });

  it('keeps both passwords when the runner sends them at the same time', async () => {
    const secrets = createSecretStore();
    await Promise.all([
      secrets.set('run-a', 'sourcePassword', 'first-password'),
      secrets.set('run-a', 'destinationPassword', 'second-password'),
      secrets.set('run-b', 'sourcePassword', 'third-password'),
    ]);
    expect(await secrets.get('run-a', 'sourcePassword')).toBe('first-password');
    expect(await secrets.get('run-a', 'destinationPassword')).toBe('second-password');
    expect(await secrets.get('run-b', 'sourcePassword')).toBe('third-password');
  });

  it('still has them after the service worker was stopped and started again', async () => {
    const secrets = createSecretStore();
    await secrets.set('run-a', 'sourcePassword', 'S3cret-source');
    startBackground();
    expect(await secrets.get('run-a', 'sourcePassword')).toBe('S3cret-source');
  });

  it('has none once the browser session ended (session storage cleared)', async () => {
    const secrets = createSecretStore();
    await secrets.set('run-a', 'sourcePassword', 'S3cret-source');
    await fakeBrowser.storage.session.clear();
    startBackground();
    expect(await secrets.get('run-a', 'sourcePassword')).toBeUndefined();
  });

  it('accepts any run id, `__proto__` included, without mixing runs', async () => {
    const secrets = createSecretStore();
    await secrets.set('__proto__', 'sourcePassword', 'proto-password');
    await secrets.set('constructor', 'sourcePassword', 'ctor-password');
    expect(await secrets.get('__proto__', 'sourcePassword')).toBe('proto-password');
    expect(await secrets.get('constructor', 'sourcePassword')).toBe('ctor-password');
    expect(await secrets.get('toString', 'sourcePassword')).toBeUndefined();
  });

  it('throws a SecretStoreError with the code when the background refuses or is gone', async () => {
    const secrets = createSecretStore();
    const refused = await rejection(secrets.set('run-a', 'sourcePassword', ''));
    expect(isSecretStoreError(refused) && refused.code).toBe('bad_request');

    stopBackground();
    const gone = await rejection(secrets.get('run-a', 'sourcePassword'));
    expect(isSecretStoreError(gone) && gone.code).toBe('internal');
  });

  it('refuses what is not a run password, without echoing the value', async () => {
    const password = 'Tr0ub4dor&3-horse';
    const replies = [
      // An unknown key, a password too long, a run id too long.
      await sendMessage('secrets.set', {
        runId: 'run-a',
        key: 'adminPassword' as 'sourcePassword',
        password,
      }),
      await sendMessage('secrets.set', {
        runId: 'run-a',
        key: 'sourcePassword',
        password: password.repeat(100),
      }),
      await sendMessage('secrets.set', {
        runId: password.repeat(20),
        key: 'sourcePassword',
        password,
      }),
    ];
    for (const reply of replies) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(JSON.stringify(reply)).not.toContain(password);
    }
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
