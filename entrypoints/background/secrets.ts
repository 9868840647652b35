/**
 * The runs' passwords, kept by the background for the browser session only: in
 * `storage.session` (memory; it outlives the service worker, which Chrome stops after 30 s idle,
 * and is gone when the browser closes or the extension is reloaded). Never in `local:`, never
 * logged. The content script's runner reaches them through messages (lib/browser/secret-store.ts).
 */
import { z } from 'zod';
import { failure, type Handlers } from '../../lib/messaging.ts';
import type { SecretKey } from '../../lib/migration/stores.ts';
import type { SessionSecrets } from '../../lib/storage.ts';
import { summarizeIssues } from './validation.ts';

export interface SecretsOptions {
  /** The `migrationSecrets()` item; a plain object in tests. */
  store: {
    getValue(): Promise<SessionSecrets>;
    setValue(value: SessionSecrets): Promise<void>;
  };
}

const SECRET_KEYS = ['sourcePassword', 'destinationPassword'] as const satisfies SecretKey[];
const RunIdSchema = z.string().min(1).max(200);
const RefSchema = z.object({ runId: RunIdSchema, key: z.enum(SECRET_KEYS) });
// The proxy contract accepts passwords up to 1024 characters.
const SetSchema = RefSchema.extend({ password: z.string().min(1).max(1024) });
const ClearSchema = z.object({ runId: RunIdSchema });

/** The record's key of a run: prefixed, so that no run id can be `__proto__` or the like. */
const slot = (runId: string) => `run:${runId}`;

export function createSecretsHandlers({
  store,
}: SecretsOptions): Handlers<'secrets.get' | 'secrets.set' | 'secrets.clear'> {
  // Each change reads, edits and writes the whole record: one at a time, or two `set`s sent
  // together (source and destination) would each write back a record without the other.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (change: (secrets: SessionSecrets) => void): Promise<void> => {
    const next = queue.then(async () => {
      const secrets = structuredClone(await store.getValue());
      change(secrets);
      await store.setValue(secrets);
    });
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    'secrets.get': async (data) => {
      const input = RefSchema.safeParse(data);
      if (!input.success) return failure('bad_request', summarizeIssues(input.error));
      await queue;
      const { runId, key } = input.data;
      const secrets = await store.getValue();
      return { ok: true, value: secrets[slot(runId)]?.[key] ?? null };
    },
    'secrets.set': async (data) => {
      const input = SetSchema.safeParse(data);
      if (!input.success) return failure('bad_request', summarizeIssues(input.error));
      const { runId, key, password } = input.data;
      await update((secrets) => {
        secrets[slot(runId)] = { ...secrets[slot(runId)], [key]: password };
      });
      return { ok: true, value: null };
    },
    'secrets.clear': async (data) => {
      const input = ClearSchema.safeParse(data);
      if (!input.success) return failure('bad_request', summarizeIssues(input.error));
      await update((secrets) => {
        delete secrets[slot(input.data.runId)];
      });
      return { ok: true, value: null };
    },
  };
}
