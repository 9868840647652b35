import { API_VERSION } from '../../../../lib/proxy-contract/index.ts';
import type { RouteHandlers } from '../router.ts';

/** `GET /v1/health`: lets the extension check, with its token, that it found its own proxy. */
export function healthRoutes(version: string): Pick<RouteHandlers, 'health'> {
  return {
    health: async () => ({
      body: { status: 'ok', name: 'ovh-migrate-proxy', version, apiVersion: API_VERSION },
    }),
  };
}
