/**
 * Every extension storage item, declared once (WXT storage). Read and written from the background
 * service worker; pages and content scripts ask the background through `lib/messaging.ts`.
 *
 * Never store a password here: IMAP passwords only ever travel, in memory, to the local proxy.
 * Bump an item's `version` and add a `migrations` entry when its shape changes.
 */
import { storage } from 'wxt/utils/storage';

/** How to reach the paired companion proxy. */
export interface ProxyPairing {
  /** Always `http://127.0.0.1:<port>` (the only host the manifest grants). */
  url: string;
  /**
   * The token the proxy printed when it started. It is not a password: it only lets this
   * extension (and nothing else on the machine) drive the proxy, so it stays in local storage.
   */
  token: string;
}

export const proxyPairing = storage.defineItem<ProxyPairing | null>('local:proxyPairing', {
  fallback: null,
  version: 1,
});

// The migration runner's items (plan, step checkpoints, job ids per account) go here, each with
// its own `version`; never the passwords it asks for.
