/** The panel's dependencies in the extension: the API on the page's session, the proxy bridge. */
import type { PanelDeps } from '../../components/stores/deps.ts';
import { createMessagingCopyClient, unwrapOutcome } from '../../lib/browser/copy-client.ts';
import { notifyWhenHidden } from '../../lib/browser/notify.ts';
import { createExtensionRunStore } from '../../lib/browser/run-stores.ts';
import { createSecretStore } from '../../lib/browser/secret-store.ts';
import { sendMessage } from '../../lib/messaging.ts';
import { createOvhClient, reloginUrl } from '../../lib/ovh-api/index.ts';
import { createAdapters } from '../../lib/platforms/index.ts';

export function createExtensionDeps(): PanelDeps {
  // Same origin as the control panel: the session cookie authenticates every call.
  const client = createOvhClient();
  return {
    client,
    adapters: createAdapters(client),
    copy: createMessagingCopyClient(),
    runs: createExtensionRunStore(),
    secrets: createSecretStore(),
    notify(title, message) {
      void notifyWhenHidden({ title, message });
    },
    async proxyStatus() {
      const outcome = await sendMessage('proxy.status');
      return outcome.ok ? outcome.value : undefined;
    },
    messageLog: {
      entries: async (id) =>
        unwrapOutcome(await sendMessage('proxy.getMessageLog', { id })).messages,
      csv: async (id) => unwrapOutcome(await sendMessage('proxy.getMessageLogCsv', { id })).csv,
    },
    async discoverProxy(url) {
      const outcome = await sendMessage('pairing.discover', { url });
      return outcome.ok && outcome.value.found;
    },
    pageUrl: () => location.href,
    relogin() {
      location.href = reloginUrl(location.href);
    },
  };
}
