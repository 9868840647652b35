import { ImapFlow } from 'imapflow';
import type { ImapEndpoint } from '../../../lib/proxy-contract/index.ts';
import type { ImapRoute, Side } from './connector.ts';
import { classifyImapError } from './errors.ts';

/**
 * Opens and logs in one IMAP connection along a route the connector decided (connector.ts: the
 * policy is not applied here). The caller owns it and must `logout()` or `close()` it.
 * imapflow's own logger stays off: it would see the LOGIN command.
 */
export async function openImap(
  endpoint: ImapEndpoint,
  route: ImapRoute,
  side: Side,
): Promise<ImapFlow> {
  const { servername, ...tls } = route.tls;
  const client = new ImapFlow({
    host: route.address.host,
    port: route.address.port,
    secure: endpoint.tls === 'implicit',
    // `none` means none: no opportunistic upgrade (tests inject faults into the plain stream).
    doSTARTTLS: endpoint.tls === 'starttls',
    ...(servername ? { servername } : {}),
    auth: {
      user: endpoint.user,
      pass: endpoint.password,
      // LOGIN is one round trip where imapflow's AUTHENTICATE PLAIN is two (it sends no initial
      // response); kept for printable ASCII, which needs no literal (PLAIN carries the rest).
      ...(PRINTABLE.test(endpoint.user) && PRINTABLE.test(endpoint.password)
        ? { loginMethod: 'LOGIN' }
        : {}),
    },
    tls,
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
    throw classifyImapError(error, { side, host: endpoint.host });
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

const PRINTABLE = /^[\x20-\x7e]*$/;
