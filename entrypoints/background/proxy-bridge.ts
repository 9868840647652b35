/**
 * The extension's only link to the companion proxy. It runs in the background service worker:
 * Chromium's Local Network Access check blocks requests to 127.0.0.1 from a page's content
 * script, while the service worker may fetch it with the manifest's `http://127.0.0.1/*` host
 * permission (and no CORS: the proxy sees the extension's own origin).
 *
 * Every request is checked with the proxy contract's schemas before it leaves and every answer
 * before it is believed; failures come back as `{ code, message }` outcomes, never thrown.
 */
import { type ZodType, z } from 'zod';
import {
  DEFAULT_PROXY_URL,
  failure,
  type Handlers,
  type Outcome,
  type ProxyMessageType,
  type ProxyStatus,
} from '../../lib/messaging.ts';
import {
  API_VERSION,
  HealthResponseSchema,
  PROXY_ROUTES,
  type ProxyRoute,
} from '../../lib/proxy-contract/index.ts';
import type { ProxyPairing } from '../../lib/storage.ts';
import { createJobLogHandlers } from './job-log.ts';
import { createProxyHttp, type ProxyRequest } from './proxy-http.ts';
import { summarizeIssues } from './validation.ts';

export interface ProxyBridgeOptions {
  /** Where the pairing is kept (the `proxyPairing` storage item; a plain object in tests). */
  pairing: {
    getValue(): Promise<ProxyPairing | null>;
    setValue(value: ProxyPairing | null): Promise<void>;
  };
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Milliseconds before a request counts as unanswered. */
  timeouts?: Partial<BridgeTimeouts>;
}

export interface BridgeTimeouts {
  /**
   * `GET /v1/health`: the proxy answers it at once, so a slow answer means a stuck process.
   * @default 3000
   */
  health: number;
  /**
   * `POST /v1/credentials/test` logs in to two IMAP servers and counts every folder.
   * @default 120_000
   */
  credentials: number;
  /**
   * Every other request (jobs start in the background, so they answer quickly).
   * @default 30_000
   */
  request: number;
}

const DEFAULT_TIMEOUTS: BridgeTimeouts = { health: 3000, credentials: 120_000, request: 30_000 };

const JobIdSchema = z.string().min(1).max(200);
const PairRequestSchema = z.object({
  url: z.string().max(200),
  token: z.string().trim().min(1, 'The pairing token is empty.').max(1000),
});
/** Enough of a health answer to tell an old or newer proxy apart from something else. */
const HealthShapeSchema = z.object({
  name: z.literal('ovh-migrate-proxy'),
  version: z.string(),
  apiVersion: z.number(),
});

export function createProxyBridge(options: ProxyBridgeOptions): Handlers<ProxyMessageType> {
  const { pairing } = options;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };

  const http = createProxyHttp(options.fetch ?? ((input, init) => fetch(input, init)));
  const request = http.json;

  async function probe(to: ProxyPairing): Promise<ProxyStatus> {
    const health = await request(to, { route: PROXY_ROUTES.health }, z.unknown(), timeouts.health);
    if (!health.ok) {
      const { code } = health.error;
      const state =
        code === 'unreachable' || code === 'timeout'
          ? 'unreachable'
          : code === 'unpaired'
            ? 'unpaired'
            : 'incompatible';
      return { state, url: to.url, error: health.error };
    }
    const shape = HealthShapeSchema.safeParse(health.value);
    if (!shape.success) {
      const { error } = failure('incompatible', `${to.url} is not an ovh-migrate-proxy.`);
      return { state: 'incompatible', url: to.url, error };
    }
    const { version, apiVersion } = shape.data;
    if (apiVersion !== API_VERSION || !HealthResponseSchema.safeParse(health.value).success) {
      return {
        state: 'incompatible',
        url: to.url,
        version,
        error: {
          code: 'incompatible',
          message: `The proxy speaks API version ${apiVersion}; this extension speaks ${API_VERSION}.`,
        },
      };
    }
    return { state: 'ready', url: to.url, version };
  }

  /** Validates `data` against the route's body schema, then sends it to the paired proxy. */
  function relay<R extends ProxyRoute & { body: ZodType }>(
    route: R,
    timeoutMs: number = timeouts.request,
  ): (data: unknown) => Promise<Outcome<z.output<R['response']>>> {
    return async (data) => {
      const input = route.body.safeParse(data);
      if (!input.success) return failure('bad_request', summarizeIssues(input.error));
      return send({ route, body: input.data }, timeoutMs);
    };
  }

  /**
   * A message about one job: `{ id }`, plus the route's body fields when it takes a body (the
   * id goes into the path, the rest is checked against the body schema).
   */
  function relayJob<R extends ProxyRoute>(
    route: R,
  ): (data: unknown) => Promise<Outcome<z.output<R['response']>>> {
    return async (data) => {
      const { id, ...rest } = (typeof data === 'object' && data !== null ? data : {}) as {
        id?: unknown;
      };
      const ref = JobIdSchema.safeParse(id);
      if (!ref.success) return failure('bad_request', `id: ${summarizeIssues(ref.error)}`);
      const bodySchema = route.body ?? z.strictObject({});
      const input = bodySchema.safeParse(rest);
      if (!input.success) return failure('bad_request', summarizeIssues(input.error));
      const body = route.body && Object.keys(rest).length > 0 ? input.data : undefined;
      return send({ route, params: { id: ref.data }, body }, timeouts.request);
    };
  }

  async function paired(): Promise<Outcome<ProxyPairing>> {
    const to = await pairing.getValue();
    if (!to) return failure('not_configured', 'The extension is not paired with the proxy yet.');
    return { ok: true, value: to };
  }

  async function send<R extends ProxyRoute>(
    call: ProxyRequest & { route: R },
    timeoutMs: number,
  ): Promise<Outcome<z.output<R['response']>>> {
    const to = await paired();
    if (!to.ok) return to;
    const schema: R['response'] = call.route.response;
    return request(to.value, call, schema, timeoutMs);
  }

  return {
    'proxy.status': async () => {
      const to = await pairing.getValue();
      const status: ProxyStatus = to
        ? await probe(to)
        : { state: 'not_configured', url: DEFAULT_PROXY_URL };
      return { ok: true, value: status };
    },
    'proxy.pair': async (data) => {
      const input = PairRequestSchema.safeParse(data);
      if (!input.success) return failure('bad_request', summarizeIssues(input.error));
      const url = normalizeProxyUrl(input.data.url);
      if (!url) {
        return failure(
          'bad_request',
          `The proxy's address must look like ${DEFAULT_PROXY_URL} (this computer, any port).`,
        );
      }
      const candidate = { url, token: input.data.token };
      const status = await probe(candidate);
      // Only a proxy that accepted the token replaces the previous pairing.
      if (status.state === 'ready') await pairing.setValue(candidate);
      return { ok: true, value: status };
    },
    'proxy.testCredentials': relay(PROXY_ROUTES.testCredentials, timeouts.credentials),
    'proxy.createJob': relay(PROXY_ROUTES.createJob),
    'proxy.getJob': relayJob(PROXY_ROUTES.getJob),
    'proxy.resumeJob': relayJob(PROXY_ROUTES.resumeJob),
    'proxy.cancelJob': relayJob(PROXY_ROUTES.cancelJob),
    'proxy.getReport': relayJob(PROXY_ROUTES.getReport),
    // The per-message log (JSON, CSV) and deleting an ended job.
    ...createJobLogHandlers({ http, paired, timeoutMs: timeouts.request }),
  };
}

/**
 * `http://127.0.0.1:<port>` from what a person typed: the scheme may be left out, and
 * `localhost` becomes 127.0.0.1 (the only loopback name the manifest's host permission covers,
 * and the address the proxy listens on). Anything else is refused: undefined.
 */
export function normalizeProxyUrl(typed: string): string | undefined {
  const text = typed.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || url.username || url.password || url.search || url.hash) {
    return undefined;
  }
  if (url.pathname !== '/') return undefined;
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  if (url.hostname !== '127.0.0.1') return undefined;
  return url.origin;
}
