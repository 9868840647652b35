import { isIP } from 'node:net';
import { ImapFlow } from 'imapflow';
import type { EndpointView, ImapEndpoint } from '../../../lib/proxy-contract/index.ts';
import { type ImapTarget, resolveKey } from '../config.ts';
import { ProxyFailure } from '../errors.ts';
import { isImapHostAllowed } from '../host-policy.ts';
import { classifyImapError } from './errors.ts';

export interface ConnectOptions {
  /** Extra IMAP hosts the operator allowed besides OVHcloud's. */
  allowHosts: readonly string[];
  /** Accept certificates that do not verify (tests against a self-signed Dovecot only). */
  insecureTls: boolean;
  /** `name:port` → where to really connect (see ProxyConfig.resolve). */
  resolve?: ReadonlyMap<string, ImapTarget> | undefined;
  side: 'source' | 'destination';
}

export function assertHostAllowed(endpoint: EndpointView, options: ConnectOptions): void {
  if (!isImapHostAllowed(endpoint.host, options.allowHosts)) {
    throw new ProxyFailure(
      'host_not_allowed',
      `${endpoint.host} is not an OVHcloud mail server; start the proxy with --allow-host ${endpoint.host} to permit it.`,
    );
  }
}

/**
 * Opens and logs in one IMAP connection. The caller owns it and must `logout()` or `close()` it.
 * imapflow's own logger stays off: it would see the LOGIN command.
 */
export async function openImap(endpoint: ImapEndpoint, options: ConnectOptions): Promise<ImapFlow> {
  assertHostAllowed(endpoint, options);
  if (endpoint.tls === 'none' && !options.insecureTls) {
    throw new ProxyFailure(
      'tls_failed',
      `Plain-text IMAP to ${endpoint.host} is refused: passwords would cross the network unencrypted.`,
    );
  }
  const target = options.resolve?.get(resolveKey(endpoint.host, endpoint.port));
  const client = new ImapFlow({
    host: target?.host ?? endpoint.host,
    port: target?.port ?? endpoint.port,
    secure: endpoint.tls === 'implicit',
    // `none` means none: no opportunistic upgrade (tests inject faults into the plain stream).
    doSTARTTLS: endpoint.tls === 'starttls',
    // SNI takes names only (RFC 6066); an IP literal gets none.
    ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
    auth: { user: endpoint.user, pass: endpoint.password },
    tls: { rejectUnauthorized: !options.insecureTls, minVersion: 'TLSv1.2' },
    logger: false,
    disableAutoIdle: true,
    // BINARY.PEEK[] may hand back decoded content; the copy must move the stored bytes as they are.
    disableBinary: true,
    connectionTimeout: 30_000,
    greetingTimeout: 20_000,
    socketTimeout: 120_000,
    clientInfo: { name: 'ovh-migrate-proxy' },
  });
  // An 'error' event without a listener would crash the process; failures surface through the
  // command promises instead.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw classifyImapError(error, { side: options.side, host: endpoint.host });
  }
  return client;
}

/** Ends a connection politely when it is still up, at once otherwise. Never throws. */
export async function closeImap(client: ImapFlow | undefined): Promise<void> {
  if (!client) return;
  try {
    if (client.usable) {
      await Promise.race([client.logout(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    }
  } catch {
    // already gone
  } finally {
    client.close();
  }
}
