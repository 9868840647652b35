import type { IncomingMessage } from 'node:http';
import { API_VERSION, type PairingInfo } from '../../../../lib/proxy-contract/index.ts';
import type { PairingDesk } from '../../auth/pairing.ts';
import { isOriginAllowed } from '../../config.ts';
import { ProxyFailure } from '../../errors.ts';
import type { RouteHandlers } from '../router.ts';

type PairingRoutes = 'pairingInfo' | 'requestPairing' | 'confirmPairing' | 'cancelPairing';

export interface PairingRouteOptions {
  /** Undefined when one-step pairing is off (a proxy off loopback): the routes answer 404. */
  desk: PairingDesk | undefined;
  version: string;
  /** Extension origins that may pair (`--allow-origin`). */
  allowOrigins: readonly string[];
}

/**
 * `/v1/pairing...` (lib/proxy-contract/pairing.ts says what guards them). They need no token:
 * the server has checked the Host, and a browser's Origin, before they run.
 */
export function pairingRoutes({
  desk,
  version,
  allowOrigins,
}: PairingRouteOptions): Pick<RouteHandlers, PairingRoutes> {
  const open = (): PairingDesk => {
    if (desk) return desk;
    throw new ProxyFailure(
      'not_found',
      'Pairing in one step is off on a proxy that listens off loopback: paste its token instead.',
    );
  };

  /** The extension origin a pairing POST speaks for: allowed, and the browser's own. */
  const originOf = (req: IncomingMessage, claimed: string): string => {
    const origin = claimed.toLowerCase();
    if (!isOriginAllowed(origin, allowOrigins)) {
      throw new ProxyFailure('forbidden_origin', `${origin} may not pair with this proxy.`);
    }
    const sent = req.headers.origin?.toLowerCase();
    if (sent !== undefined && sent !== origin) {
      throw new ProxyFailure('forbidden_origin', `The request came from ${sent}, not ${origin}.`);
    }
    return origin;
  };

  const info = (): PairingInfo => ({
    name: 'ovh-migrate-proxy',
    version,
    apiVersion: API_VERSION,
    pairing: open().state(),
  });

  return {
    pairingInfo: async () => ({ body: info() }),
    requestPairing: async ({ req, body }) => ({
      body: open().request(originOf(req, body.extensionOrigin)),
    }),
    confirmPairing: async ({ req, body, params }) => ({
      body: open().confirm(params.id, originOf(req, body.extensionOrigin), body.code),
    }),
    cancelPairing: async ({ req, body, params }) => {
      open().cancel(params.id, originOf(req, body.extensionOrigin));
      return { body: info() };
    },
  };
}
