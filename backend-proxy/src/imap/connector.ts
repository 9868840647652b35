// The one place that decides how the proxy reaches an IMAP server: which hosts it may log in to
// (host-policy.ts plus --allow-host), whether plain text is allowed and certificates checked
// (--insecure-tls), and where a name really connects (--resolve). The CLI builds one connector
// and hands it down; connect.ts and append-session.ts only open the sockets it routes.

import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { ImapFlow } from 'imapflow';
import type { EndpointView, ImapEndpoint } from '../../../lib/proxy-contract/index.ts';
import { type ImapTarget, resolveKey } from '../config.ts';
import { ProxyFailure } from '../errors.ts';
import { isImapHostAllowed } from '../host-policy.ts';
import {
  type AppendSession,
  type AppendSessionOptions,
  type CommandSession,
  openAppendSession,
  openCommandSession,
} from './append-session.ts';
import { openImap } from './connect.ts';

export interface ImapConnectorOptions {
  /** Extra IMAP hosts the operator allowed besides OVHcloud's. */
  allowHosts: readonly string[];
  /** Accept certificates that do not verify, and plain text (tests against Dovecot only). */
  insecureTls: boolean;
  /** `name:port` → where to really connect (see ProxyConfig.resolve). @default none */
  resolve?: ReadonlyMap<string, ImapTarget> | undefined;
}

/** Where and how one endpoint is reached, once the policy has let it through. */
export interface ImapRoute {
  /** The address to connect to (the endpoint's own unless --resolve maps it). */
  address: { host: string; port: number };
  /** Certificate checks and SNI (the endpoint's name, never the resolved address). */
  tls: ConnectionOptions;
}

export type Side = 'source' | 'destination';

export interface ImapConnector {
  /** Throws `host_not_allowed` unless the proxy may log in to this endpoint's host. */
  assertAllowed(endpoint: EndpointView): void;
  /** Applies the policy (host, plain text) and the --resolve mapping; throws a ProxyFailure. */
  route(endpoint: EndpointView): ImapRoute;
  /** One logged-in imapflow connection; the caller owns it (closeImap). */
  open(endpoint: ImapEndpoint, side: Side): Promise<ImapFlow>;
  /** A destination connection of our own for pipelined APPEND, the target folder selected. */
  openAppendSession(endpoint: ImapEndpoint, options: AppendSessionOptions): Promise<AppendSession>;
  /** A destination connection of our own that sends commands in a batch (folder set-up). */
  openCommandSession(endpoint: ImapEndpoint): Promise<CommandSession>;
}

export function createImapConnector(options: ImapConnectorOptions): ImapConnector {
  const connector: ImapConnector = {
    assertAllowed(endpoint) {
      if (!isImapHostAllowed(endpoint.host, options.allowHosts)) {
        throw new ProxyFailure(
          'host_not_allowed',
          `${endpoint.host} is not an OVHcloud mail server; start the proxy with --allow-host ${endpoint.host} to permit it.`,
        );
      }
    },
    route(endpoint) {
      connector.assertAllowed(endpoint);
      if (endpoint.tls === 'none' && !options.insecureTls) {
        throw new ProxyFailure(
          'tls_failed',
          `Plain-text IMAP to ${endpoint.host} is refused: passwords would cross the network unencrypted.`,
        );
      }
      const target = options.resolve?.get(resolveKey(endpoint.host, endpoint.port));
      return {
        address: { host: target?.host ?? endpoint.host, port: target?.port ?? endpoint.port },
        tls: {
          rejectUnauthorized: !options.insecureTls,
          minVersion: 'TLSv1.2',
          // SNI takes names only (RFC 6066); an IP literal gets none.
          ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
        },
      };
    },
    // Async, so a refused route is a rejected promise like a failed login, never a throw.
    open: async (endpoint, side) => openImap(endpoint, connector.route(endpoint), side),
    openAppendSession: async (endpoint, sessionOptions) =>
      openAppendSession(endpoint, connector.route(endpoint), sessionOptions),
    openCommandSession: async (endpoint) => openCommandSession(endpoint, connector.route(endpoint)),
  };
  return connector;
}
