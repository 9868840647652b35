/**
 * The migration runner's `SecretStore` in the extension. The runner runs in the content script,
 * but the passwords live in the background (`entrypoints/background/secrets.ts`): Firefox gives
 * content scripts no `storage.session` at all, and in Chrome a content script that can read
 * session storage could be made to read every other secret of the extension too. So every call
 * is a message, the same in both browsers.
 */

import { type BridgeErrorCode, type Outcome, sendMessage } from '../messaging.ts';
import type { SecretStore } from '../migration/stores.ts';

/** A password could not be read, kept or forgotten: the background did not answer or refused. */
export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError' as const;
  readonly code: BridgeErrorCode;

  constructor(code: BridgeErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function isSecretStoreError(error: unknown): error is SecretStoreError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'SecretStoreError'
  );
}

type Send = typeof sendMessage;

export function createSecretStore(send: Send = sendMessage): SecretStore {
  const unwrap = <T>(outcome: Outcome<T>): T => {
    if (outcome.ok) return outcome.value;
    throw new SecretStoreError(outcome.error.code, outcome.error.message);
  };
  return {
    async get(runId, key) {
      return unwrap(await send('secrets.get', { runId, key })) ?? undefined;
    },
    async set(runId, key, password) {
      unwrap(await send('secrets.set', { runId, key, password }));
    },
    async clear(runId) {
      unwrap(await send('secrets.clear', { runId }));
    },
  };
}
