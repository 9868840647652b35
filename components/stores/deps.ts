/**
 * What the panel needs from the extension, given once by the content script (and by tests): the
 * API adapters on the control panel's session, the proxy bridge, the run stores.
 */
import type { ExtensionRunStore } from '../../lib/browser/run-stores.ts';
import type { ProxyStatus } from '../../lib/messaging.ts';
import type { CopyClient, SecretStore } from '../../lib/migration/index.ts';
import type { OvhClient } from '../../lib/ovh-api/index.ts';
import type { PlatformAdapter, PlatformKind } from '../../lib/platforms/index.ts';
import type { MessageLogEntry } from '../../lib/proxy-contract/index.ts';

export interface PanelDeps {
  adapters: Record<PlatformKind, PlatformAdapter>;
  client: OvhClient;
  copy: CopyClient;
  runs: ExtensionRunStore;
  secrets: SecretStore;
  /** The background's view of the companion proxy; undefined when the background is unreachable. */
  proxyStatus(): Promise<ProxyStatus | undefined>;
  /**
   * Whether an ovh-migrate-proxy answers at `url` (no token needed): one to pair with.
   * @default undefined: not looked for
   */
  discoverProxy?(url: string): Promise<boolean>;
  /**
   * The proxy's per-message log of a copy job: its entries (for the JSON report) and its CSV
   * text (for a spreadsheet). Rejects with a `CopyClientError` (the bridge's or proxy's code).
   */
  messageLog?: {
    entries(jobId: string): Promise<MessageLogEntry[]>;
    csv(jobId: string): Promise<string>;
  };
  /** The page's URL (for the login link after an expired session). */
  pageUrl(): string;
  /** Sends the browser to the control panel's login, which comes back to this page. */
  relogin(): void;
  /** Asks the background for a browser notification (long copy ended while the tab is hidden). */
  notify?(title: string, message: string): void;
  /** Pause between two reads of a copy job. @default 1000 */
  pollMs?: number;
  /** @default crypto.randomUUID */
  newRunId?: () => string;
}
