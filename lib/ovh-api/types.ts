import type { z } from 'zod';
import type { OvhApiError } from './errors.ts';
import type { RateLimiter, RateLimitOptions } from './rate-limiter.ts';

export interface RetryOptions {
  /**
   * Tries in all, the first one included.
   * @default 3
   */
  attempts?: number;
  /**
   * Delay before the first retry; it doubles on each retry, with jitter (half to all of it).
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * Longest delay between two tries, including one a `Retry-After` header asks for.
   * @default 20_000
   */
  maxDelayMs?: number;
}

export interface OvhClientOptions {
  /**
   * Where API v6 answers: same-origin inside the control panel, an absolute URL in tests.
   * @default '/engine/apiv6'
   */
  baseUrl?: string;
  /**
   * The fetch to call. The content script keeps the default in both browsers: in MV3 a relative
   * fetch is same-origin with the page and carries its session cookie (Firefox MV3 has no
   * `content.fetch`). Tests pass one that adds the sandbox's session cookie.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Client-side throttle. Pass a `RateLimiter` to share one budget between clients; `false` disables.
   * @default { perSecond: 1, burst: 10 }
   */
  rateLimit?: RateLimitOptions | RateLimiter | false;
  /**
   * Retries of 429, 5xx, timeouts and network failures, for GET only (and a write marked
   * `idempotent`): a write whose answer was lost may have been applied, so it is never repeated
   * blindly. `false` disables.
   * @default { attempts: 3, baseDelayMs: 500, maxDelayMs: 20_000 }
   */
  retry?: RetryOptions | false;
  /**
   * Time limit of one try, in milliseconds.
   * @default 30_000
   */
  timeoutMs?: number;
  /**
   * Aborts every call of this client, e.g. the content script's `ctx.signal`.
   * @default undefined
   */
  signal?: AbortSignal;
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  /**
   * Query string parameters; `undefined` ones are left out.
   * @default undefined
   */
  query?: Record<string, QueryValue>;
  /**
   * Aborts this call only (the client's own signal still applies).
   * @default undefined
   */
  signal?: AbortSignal;
}

export interface PostOptions extends RequestOptions {
  /**
   * Retry this write like a GET. Only for calls that are harmless to repeat: a write that reached
   * the server and lost its answer would otherwise run twice (two tasks, two aliases).
   * @default false
   */
  idempotent?: boolean;
}

/** The OvhCloud API v6 client. Paths are relative to `baseUrl`, built with `ovhPath`/`fillPath`. */
export interface OvhClient {
  get<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  /**
   * Many objects of one collection in one request per chunk (`X-Ovh-Batch: ,`). An id the API could
   * not return maps to its `OvhApiError` instead of being dropped.
   */
  getBatch<S extends z.ZodType, Id extends string | number>(
    collectionPath: string,
    ids: readonly Id[],
    schema: S,
    options?: RequestOptions,
  ): Promise<Map<Id, z.output<S> | OvhApiError>>;
  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options?: PostOptions,
  ): Promise<z.output<S>>;
  /** PUTs answer nothing; the change completes asynchronously (watch `taskPendingId`/`state`). */
  put(path: string, body: unknown, options?: RequestOptions): Promise<void>;
  delete<S extends z.ZodType>(
    path: string,
    schema: S,
    options?: RequestOptions,
  ): Promise<z.output<S>>;
  /** Requests sent so far, retries included. */
  readonly stats: { readonly requests: number };
}
