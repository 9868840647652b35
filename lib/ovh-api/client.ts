/**
 * The OvhCloud API v6 client, on ky: the user's own control-panel session (same-origin cookie),
 * a shared rate limit, bounded retries for idempotent calls, and every answer checked against its
 * schema. Every failure is an `OvhApiError`.
 */
import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { BATCH_HEADERS, batchChunks, batchPath, parseBatchAnswer } from './batch.ts';
import { cancelledError, OvhApiError } from './errors.ts';
import { errorFromHttp } from './http-errors.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { type CallContext, parseJsonText, validate } from './response.ts';
import type { OvhClient, OvhClientOptions, QueryValue, RetryOptions } from './types.ts';

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  json?: unknown;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  idempotent?: boolean;
}

interface Answer {
  text: string;
  queryId?: string;
}

const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

// 5xx are transient on OvhCloud's side (gateways, busy backends), except "not implemented" and
// "HTTP version not supported", which no retry fixes.
const RETRY_STATUSES = [
  408,
  429,
  ...Array.from({ length: 100 }, (_, index) => 500 + index).filter((s) => s !== 501 && s !== 505),
];

// Path segments may hold the page's origin when baseUrl is relative: keep room for it.
const ORIGIN_ALLOWANCE = 64;

export function createOvhClient(options: OvhClientOptions = {}): OvhClient {
  const baseUrl = (options.baseUrl ?? '/engine/apiv6').replace(/\/+$/, '');
  const limiter = limiterFor(options.rateLimit);
  const retry = options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry };
  const userFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let requests = 0;

  const api: KyInstance = ky.create({
    timeout: options.timeoutMs ?? 30_000,
    // One token per try, taken before ky's per-try timeout starts.
    hooks: limiter
      ? {
          beforeRequest: [({ request }) => limiter.acquire(request.signal)],
          beforeRetry: [({ request }) => limiter.acquire(request.signal)],
        }
      : {},
    fetch: async (input, init) => {
      requests += 1;
      return userFetch(...(await plainFetchArguments(input, init)));
    },
  });

  const send = async (call: Call): Promise<Answer> => {
    if (!call.path.startsWith('/')) throw new TypeError(`API paths start with "/": ${call.path}`);
    const signal = combineSignals(options.signal, call.signal);
    try {
      const response = await api(baseUrl + call.path, {
        method: call.method,
        json: call.json,
        searchParams: call.query ? definedEntries(call.query) : undefined,
        headers: { Accept: 'application/json', ...call.headers },
        signal,
        retry: retryFor(retry, call),
      });
      const text = await response.text();
      return { text, queryId: response.headers.get('X-Ovh-QueryID') ?? undefined };
    } catch (error) {
      throw toOvhApiError(error, call, signal);
    }
  };

  const sendJson = async (call: Call): Promise<{ body: unknown; context: CallContext }> => {
    const answer = await send(call);
    const context = { method: call.method, path: call.path, queryId: answer.queryId };
    return { body: parseJsonText(answer.text, context), context };
  };

  return {
    async get(path, schema, request = {}) {
      const { body, context } = await sendJson({ method: 'GET', path, ...request });
      return validate(schema, body, context);
    },

    async getBatch(collectionPath, ids, schema, request = {}) {
      const result = new Map<(typeof ids)[number], z.output<typeof schema> | OvhApiError>();
      const prefix = baseUrl.length + collectionPath.length + 1 + ORIGIN_ALLOWANCE;
      // One object by itself: where a batch answer is unusable, or an entry failed (its own GET
      // says why, with a real status, and retries what is transient).
      const single = async (id: (typeof ids)[number]) => {
        try {
          const path = batchPath(collectionPath, [id]);
          const { body, context } = await sendJson({ method: 'GET', path, ...request });
          result.set(id, validate(schema, body, context));
        } catch (error) {
          if (!(error instanceof OvhApiError) || error.code === 'cancelled') throw error;
          if (error.code === 'session_expired') throw error;
          result.set(id, error);
        }
      };
      for (const chunk of batchChunks(ids, prefix)) {
        const { body, context } = await sendJson({
          method: 'GET',
          path: batchPath(collectionPath, chunk),
          headers: BATCH_HEADERS,
          ...request,
        });
        let entries: Map<(typeof ids)[number], z.output<typeof schema> | OvhApiError>;
        try {
          entries = parseBatchAnswer(body, chunk, schema, { ...context, collectionPath });
        } catch {
          // Not a batch answer we can read: the ids one by one.
          for (const id of chunk) await single(id);
          continue;
        }
        for (const [id, value] of entries) {
          if (value instanceof OvhApiError) await single(id);
          else result.set(id, value);
        }
      }
      return result;
    },

    async post(path, json, schema, request = {}) {
      const { body, context } = await sendJson({ method: 'POST', path, json, ...request });
      return validate(schema, body, context);
    },

    async put(path, json, request = {}) {
      await send({ method: 'PUT', path, json, ...request });
    },

    async delete(path, schema, request = {}) {
      const { body, context } = await sendJson({ method: 'DELETE', path, ...request });
      return validate(schema, body, context);
    },

    stats: {
      get requests() {
        return requests;
      },
    },
  };
}

function limiterFor(option: OvhClientOptions['rateLimit']): RateLimiter | undefined {
  if (option === false) return undefined;
  if (option && 'acquire' in option) return option;
  return createRateLimiter(option);
}

function retryFor(retry: Required<RetryOptions> | false, call: Call) {
  if (retry === false) return 0;
  return {
    limit: Math.max(0, retry.attempts - 1),
    // Only reads by default: a PUT, POST or DELETE whose answer was lost may already have started
    // a task, and sending it again meets "there is already a pending task". The adapters read
    // the state back after a failed write instead (issue 7).
    methods: call.idempotent ? ['get', 'put', 'delete', 'post'] : ['get'],
    statusCodes: RETRY_STATUSES,
    afterStatusCodes: [429, 503],
    maxRetryAfter: retry.maxDelayMs,
    backoffLimit: retry.maxDelayMs,
    delay: (attempt: number) => retry.baseDelayMs * 2 ** (attempt - 1),
    // "Equal jitter": keeps a floor so a retry never fires immediately, spreads the rest.
    jitter: (delay: number) => delay / 2 + (Math.random() * delay) / 2,
    retryOnTimeout: true,
  };
}

function toOvhApiError(error: unknown, call: Call, signal?: AbortSignal) {
  const where = { method: call.method, path: call.path };
  if (error instanceof OvhApiError && error.code !== 'cancelled') return error;
  if (signal?.aborted) return cancelledError({ ...where, cause: signal.reason });
  if (isHTTPError(error)) {
    return errorFromHttp({
      status: error.response.status,
      body: typeof error.data === 'string' ? parseLoosely(error.data) : error.data,
      queryId: error.response.headers.get('X-Ovh-QueryID') ?? undefined,
      ...where,
    });
  }
  if (isTimeoutError(error)) {
    return new OvhApiError({
      code: 'timeout',
      message: 'OvhCloud did not answer in time.',
      ...where,
    });
  }
  const message = isNetworkError(error)
    ? 'OvhCloud could not be reached.'
    : 'The request to OvhCloud failed before an answer came back.';
  return new OvhApiError({ code: 'network', message, ...where, cause: error });
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function definedEntries(query: Record<string, QueryValue>): Record<string, string> {
  const entries = Object.entries(query).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

function combineSignals(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return present.length > 1 ? AbortSignal.any(present) : present[0];
}

/**
 * ky hands fetch a `Request`; a custom `fetch` option gets a URL string and a plain init instead,
 * so it can add headers without rebuilding the request (tests add the session cookie).
 */
async function plainFetchArguments(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<[string | URL, RequestInit]> {
  if (!(input instanceof Request)) return [input, init ?? {}];
  const hasBody = input.method !== 'GET' && input.method !== 'HEAD';
  return [
    input.url,
    {
      ...init,
      method: input.method,
      headers: Object.fromEntries(input.headers),
      body: hasBody ? await input.text() : undefined,
      signal: input.signal,
      credentials: input.credentials,
    },
  ];
}
