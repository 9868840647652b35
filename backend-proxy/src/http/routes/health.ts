import { API_VERSION, HealthResponseSchema } from '../../../../lib/proxy-contract/index.ts';
import type { Route } from '../server.ts';

/** `GET /v1/health`: lets the extension check, with its token, that it found its own proxy. */
export function healthRoutes(version: string): Route[] {
  return [
    {
      method: 'GET',
      path: '/health',
      handle: async () => ({
        status: 200,
        schema: HealthResponseSchema,
        body: { status: 'ok', name: 'ovh-migrate-proxy', version, apiVersion: API_VERSION },
      }),
    },
  ];
}
