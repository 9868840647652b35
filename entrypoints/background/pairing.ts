/**
 * One-step pairing, the background's side (lib/proxy-contract/pairing.ts has the protocol): find
 * the proxy on this computer, ask it for a pairing (it shows a code in its terminal), send the
 * code the person typed, and keep the token it hands over. The requests carry this extension's
 * origin in their body; Chromium adds the same origin as the `Origin` header of these POSTs, and
 * the proxy checks that both agree.
 *
 * The request id travels back to the page that started the pairing, not kept here: the service
 * worker may be stopped while the person reads the code.
 */
import { z } from 'zod';
import {
  DEFAULT_PROXY_URL,
  failure,
  type Handlers,
  type Outcome,
  type PairingMessageType,
  type ProxyStatus,
} from '../../lib/messaging.ts';
import {
  API_VERSION,
  ErrorResponseSchema,
  PROXY_ROUTES,
  type ProxyRoute,
  routeUrl,
} from '../../lib/proxy-contract/index.ts';
import type { ProxyPairing } from '../../lib/storage.ts';
import { normalizeProxyUrl } from './proxy-bridge.ts';

export interface PairingHandlersOptions {
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`: who the token is for. */
  extensionOrigin: string;
  /** Checks a token and stores the pairing when the proxy accepts it (`proxy.pair`). */
  pair(candidate: ProxyPairing): Promise<Outcome<ProxyStatus>>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Milliseconds before the proxy counts as not answering.
   * @default 3000
   */
  timeoutMs?: number;
}

export type PairingHandlers = Handlers<PairingMessageType>;

const UrlSchema = z.string().max(200);
const StartSchema = z.object({ url: UrlSchema });
const ConfirmSchema = z.object({
  url: UrlSchema,
  requestId: z.string().min(1).max(200),
  code: z.string().trim().min(1, 'Type the code the proxy shows.').max(40),
});
const CancelSchema = z.object({ url: UrlSchema, requestId: z.string().min(1).max(200) });

export function createPairingHandlers(options: PairingHandlersOptions): PairingHandlers {
  const { extensionOrigin } = options;
  const timeoutMs = options.timeoutMs ?? 3000;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  /** One pairing route of the contract's table, without a token; the answer is checked. */
  async function call<R extends ProxyRoute>(
    url: string,
    route: R,
    params: Record<string, string>,
    body?: unknown,
  ): Promise<Outcome<z.output<R['response']>>> {
    let response: Response;
    try {
      response = await doFetch(`${url}${routeUrl(route, params)}`, {
        method: route.method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        return failure('timeout', `The proxy at ${url} did not answer within ${timeoutMs} ms.`);
      }
      return failure('unreachable', `Nothing answers at ${url}.`);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return failure('incompatible', `${url} answered HTTP ${response.status}, not JSON.`);
    }
    if (!response.ok) {
      const refusal = ErrorResponseSchema.safeParse(json);
      if (refusal.success) return { ok: false, error: refusal.data.error };
      return failure('incompatible', `${url} answered HTTP ${response.status}.`);
    }
    const parsed = route.response.safeParse(json);
    if (!parsed.success) {
      return failure('incompatible', `${url} does not answer as an ovh-migrate-proxy does.`);
    }
    return { ok: true, value: parsed.data as z.output<R['response']> };
  }

  const proxyUrl = (typed: string): Outcome<string> => {
    const url = normalizeProxyUrl(typed);
    if (url) return { ok: true, value: url };
    return failure(
      'bad_request',
      `The proxy's address must look like ${DEFAULT_PROXY_URL} (this computer, any port).`,
    );
  };

  return {
    'pairing.discover': async (data) => {
      const where = proxyUrl(data?.url || DEFAULT_PROXY_URL);
      if (!where.ok) return where;
      const url = where.value;
      const info = await call(url, PROXY_ROUTES.pairingInfo, {});
      if (!info.ok) return { ok: true, value: { found: false, url, error: info.error } };
      const { version, apiVersion, pairing } = info.value;
      if (apiVersion !== API_VERSION) {
        const { error } = failure(
          'incompatible',
          `The proxy speaks API version ${apiVersion}; this extension speaks ${API_VERSION}.`,
        );
        return { ok: true, value: { found: false, url, version, error } };
      }
      return { ok: true, value: { found: true, url, version, pending: pairing === 'pending' } };
    },
    'pairing.start': async (data) => {
      const input = StartSchema.safeParse(data);
      if (!input.success) return failure('bad_request', 'The proxy address is missing.');
      const where = proxyUrl(input.data.url);
      if (!where.ok) return where;
      const ticket = await call(where.value, PROXY_ROUTES.requestPairing, {}, { extensionOrigin });
      if (!ticket.ok) return ticket;
      const { id, expiresAt, codeLength, attemptsLeft } = ticket.value;
      return {
        ok: true,
        value: { url: where.value, requestId: id, expiresAt, codeLength, attemptsLeft },
      };
    },
    'pairing.confirm': async (data) => {
      const input = ConfirmSchema.safeParse(data);
      if (!input.success) {
        return failure('bad_request', input.error.issues[0]?.message ?? 'Type the code.');
      }
      const where = proxyUrl(input.data.url);
      if (!where.ok) return where;
      const { requestId, code } = input.data;
      const grant = await call(
        where.value,
        PROXY_ROUTES.confirmPairing,
        { id: requestId },
        { extensionOrigin, code },
      );
      if (!grant.ok) return grant;
      // The same check as a pasted token: stored only once the proxy accepts it.
      return options.pair({ url: where.value, token: grant.value.token });
    },
    'pairing.cancel': async (data) => {
      const input = CancelSchema.safeParse(data);
      if (!input.success) return failure('bad_request', 'Nothing to cancel.');
      const where = proxyUrl(input.data.url);
      if (!where.ok) return where;
      const { requestId } = input.data;
      const cancelled = await call(
        where.value,
        PROXY_ROUTES.cancelPairing,
        { id: requestId },
        { extensionOrigin },
      );
      // Already gone (expired, cancelled from elsewhere) is what cancelling wanted.
      if (!cancelled.ok && cancelled.error.code !== 'pairing_expired') return cancelled;
      return { ok: true, value: null };
    },
  };
}
