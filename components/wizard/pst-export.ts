/**
 * The PST backup an Exchange account can have made server-side before it moves (reference:
 * control-panel.md, "Extension facts"): POST …/export, poll GET …/export (percentComplete), then
 * POST …/exportURL and GET …/exportURL (url, expiration). The control panel polls every 10 s.
 */
import { z } from 'zod';
import { isOvhApiError, type OvhClient, ovhPath } from '../../lib/ovh-api/index.ts';
import type { ServiceRef } from '../../lib/platforms/index.ts';

const ExportSchema = z.object({
  percentComplete: z.number().optional(),
  taskPendingId: z.number().optional(),
});
const ExportUrlSchema = z.object({ url: z.string().optional(), expiration: z.string().optional() });
const AnySchema = z.unknown();

export type PstProgress =
  | { phase: 'requesting' }
  | { phase: 'exporting'; percent: number }
  | { phase: 'link'; url: string; expiration?: string };

export interface PstOptions {
  signal?: AbortSignal;
  /** @default 10_000, the control panel's own pace */
  pollMs?: number;
  onProgress(progress: PstProgress): void;
}

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

export async function exportPst(
  client: OvhClient,
  ref: ServiceRef,
  address: string,
  options: PstOptions,
) {
  const base = ovhPath`/email/exchange/${ref.organization ?? ref.service}/service/${ref.service}/account/${address}`;
  const request = options.signal ? { signal: options.signal } : {};
  const pollMs = options.pollMs ?? 10_000;
  options.onProgress({ phase: 'requesting' });
  const current = async () => {
    try {
      return await client.get(`${base}/export`, ExportSchema, request);
    } catch (error) {
      if (isOvhApiError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  };
  // An export asked for earlier (another tab, the control panel) is followed, not asked again.
  if ((await current()) === undefined) await client.post(`${base}/export`, {}, AnySchema, request);
  for (;;) {
    const state = await current();
    const percent = state?.percentComplete ?? 0;
    options.onProgress({ phase: 'exporting', percent });
    if (state && percent >= 100 && state.taskPendingId === undefined) break;
    await wait(pollMs, options.signal);
  }
  await client.post(`${base}/exportURL`, {}, AnySchema, request);
  for (;;) {
    try {
      const link = await client.get(`${base}/exportURL`, ExportUrlSchema, request);
      if (link.url) {
        options.onProgress({
          phase: 'link',
          url: link.url,
          ...(link.expiration ? { expiration: link.expiration } : {}),
        });
        return link;
      }
    } catch (error) {
      if (!(isOvhApiError(error) && error.code === 'not_found')) throw error;
    }
    await wait(pollMs, options.signal);
  }
}
