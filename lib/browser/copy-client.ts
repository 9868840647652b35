/**
 * The migration runner's `CopyClient` in the extension: every call goes to the background's proxy
 * bridge (a content script cannot reach 127.0.0.1 itself), and a failed reply becomes a
 * `CopyClientError` with the bridge's or the proxy's code.
 */
import { type Outcome, sendMessage } from '../messaging.ts';
import { type CopyClient, CopyClientError } from '../migration/copy-client.ts';
import { API_VERSION } from '../proxy-contract/index.ts';

type Send = typeof sendMessage;

/** A reply's value, or its error as a `CopyClientError` (the bridge's or the proxy's code). */
export function unwrapOutcome<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new CopyClientError(outcome.error.code, outcome.error.message);
}

export function createMessagingCopyClient(send: Send = sendMessage): CopyClient {
  return {
    async health() {
      const status = unwrapOutcome(await send('proxy.status'));
      if (status.state !== 'ready') {
        throw new CopyClientError(
          status.state,
          status.error?.message ?? `The companion proxy is ${status.state.replace('_', ' ')}.`,
        );
      }
      return {
        status: 'ok',
        name: 'ovh-migrate-proxy',
        version: status.version ?? 'unknown',
        apiVersion: API_VERSION,
      };
    },
    async testCredentials(request) {
      return unwrapOutcome(await send('proxy.testCredentials', request));
    },
    async createJob(request) {
      return unwrapOutcome(await send('proxy.createJob', request));
    },
    async getJob(id) {
      return unwrapOutcome(await send('proxy.getJob', { id }));
    },
    async resumeJob(id, request) {
      return unwrapOutcome(await send('proxy.resumeJob', { id, ...request }));
    },
    async cancelJob(id) {
      return unwrapOutcome(await send('proxy.cancelJob', { id }));
    },
    async getReport(id) {
      return unwrapOutcome(await send('proxy.getReport', { id }));
    },
  };
}
