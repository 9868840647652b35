/**
 * One HTTP call to the paired proxy, from the background (proxy-bridge.ts): the token as a
 * bearer token, a deadline, and every way it can go wrong as an `Outcome` error (nothing
 * answers, too slow, token refused, the proxy's own refusal, an answer that breaks the
 * contract). `json` checks the answer with the route's schema; `text` is for the one download
 * the proxy answers in another format (the per-message log as CSV).
 */
import type { ZodType, z } from 'zod';
import { failure, type Outcome } from '../../lib/messaging.ts';
import { ErrorResponseSchema, type ProxyRoute, routeUrl } from '../../lib/proxy-contract/index.ts';
import type { ProxyPairing } from '../../lib/storage.ts';
import { summarizeIssues } from './validation.ts';

export interface ProxyRequest {
  route: ProxyRoute;
  params?: Record<string, string>;
  /** Query parameters; checked against the route's `query` schema by the caller. */
  query?: Record<string, string>;
  body?: unknown;
}

export interface ProxyHttp {
  json<S extends ZodType>(
    to: ProxyPairing,
    call: ProxyRequest,
    schema: S,
    timeoutMs: number,
  ): Promise<Outcome<z.output<S>>>;
  /** A successful answer's body as text, when its media type is `mediaType` (`text/csv`). */
  text(
    to: ProxyPairing,
    call: ProxyRequest,
    mediaType: string,
    timeoutMs: number,
  ): Promise<Outcome<string>>;
}

export function createProxyHttp(doFetch: typeof fetch): ProxyHttp {
  /** The response when the proxy answered with success; an Outcome error otherwise. */
  async function send(
    to: ProxyPairing,
    { route, params, query, body }: ProxyRequest,
    timeoutMs: number,
  ): Promise<Outcome<Response>> {
    const path = routeUrl(route, params, query);
    let response: Response;
    try {
      response = await doFetch(`${to.url}${path}`, {
        method: route.method,
        headers: {
          authorization: `Bearer ${to.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        return failure('timeout', `The proxy at ${to.url} did not answer within ${timeoutMs} ms.`);
      }
      return failure('unreachable', `Nothing answers at ${to.url}: ${describe(error)}`);
    }
    if (response.status === 401) {
      return failure('unpaired', `The proxy at ${to.url} refused the pairing token.`);
    }
    if (response.ok) return { ok: true, value: response };
    const refusal = ErrorResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (refusal.success) return { ok: false, error: refusal.data.error };
    return failure('incompatible', `${to.url} answered HTTP ${response.status}.`);
  }

  return {
    async json(to, call, schema, timeoutMs) {
      const answer = await send(to, call, timeoutMs);
      if (!answer.ok) return answer;
      const what = `${call.route.method} ${routeUrl(call.route, call.params)}`;
      let json: unknown;
      try {
        json = await answer.value.json();
      } catch {
        return failure('incompatible', `${to.url} answered ${what} with something else than JSON.`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        return failure(
          'incompatible',
          `The proxy's answer to ${what} does not match this extension: ${summarizeIssues(parsed.error)}`,
        );
      }
      return { ok: true, value: parsed.data };
    },
    async text(to, call, mediaType, timeoutMs) {
      const answer = await send(to, call, timeoutMs);
      if (!answer.ok) return answer;
      const type = answer.value.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== mediaType) {
        return failure(
          'incompatible',
          `The proxy answered ${type ?? 'without a media type'} where this extension expects ${mediaType}.`,
        );
      }
      return { ok: true, value: await answer.value.text() };
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
