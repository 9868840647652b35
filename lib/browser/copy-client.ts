/**
 * The migration runner's `CopyClient` in the extension: every call goes to the background's proxy
 * bridge (a content script cannot reach 127.0.0.1 itself), and a failed reply becomes a
 * `CopyClientError` with the bridge's or the proxy's code.
 */
import { type MessageResult, type MessageType, type Outcome, sendMessage } from '../messaging.ts';
import { type CopyClient, CopyClientError } from '../migration/copy-client.ts';
import { API_VERSION } from '../proxy-contract/index.ts';

type Send = typeof sendMessage;

export function createMessagingCopyClient(send: Send = sendMessage): CopyClient {
  const unwrap = <K extends MessageType>(outcome: Outcome<MessageResult<K>>): MessageResult<K> => {
    if (outcome.ok) return outcome.value;
    throw new CopyClientError(outcome.error.code, outcome.error.message);
  };
  return {
    async health() {
      const status = unwrap<'proxy.status'>(await send('proxy.status'));
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
      return unwrap<'proxy.testCredentials'>(await send('proxy.testCredentials', request));
    },
    async createJob(request) {
      return unwrap<'proxy.createJob'>(await send('proxy.createJob', request));
    },
    async getJob(id) {
      return unwrap<'proxy.getJob'>(await send('proxy.getJob', { id }));
    },
    async resumeJob(id, request) {
      return unwrap<'proxy.resumeJob'>(await send('proxy.resumeJob', { id, ...request }));
    },
    async cancelJob(id) {
      return unwrap<'proxy.cancelJob'>(await send('proxy.cancelJob', { id }));
    },
    async getReport(id) {
      return unwrap<'proxy.getReport'>(await send('proxy.getReport', { id }));
    },
  };
}
