import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodType, z } from 'zod';
import {
  API_PREFIX,
  listRoutes,
  type ProxyRoute,
  type ProxyRoutes,
  type RouteName,
  type RouteParams,
} from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';
import type { Logger } from '../log.ts';
import { StatusFailure } from './body.ts';

type BodyOf<R extends ProxyRoute> = R extends { body: ZodType } ? z.output<R['body']> : undefined;
type QueryOf<R extends ProxyRoute> = R extends { query: ZodType }
  ? z.output<R['query']>
  : undefined;

/** What a handler gets: the route's parameters, its validated body and query. */
export interface RouteContext<R extends ProxyRoute = ProxyRoute> {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Aborted when the server closes. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  readonly params: RouteParams<R>;
  readonly body: BodyOf<R>;
  readonly query: QueryOf<R>;
}

/**
 * A JSON reply is checked against the route's response schema before it leaves: a mismatch is a
 * bug (500), and fields the contract does not list (a password!) are stripped.
 */
export type Reply<R extends ProxyRoute = ProxyRoute> =
  /** `status` defaults to the route's own. */
  | { status?: number; body: z.input<R['response']> }
  /** A body that is not JSON (a CSV download); sent as is. */
  | { status?: number; contentType: string; text: string; filename?: string }
  /** The route wrote the response itself (event stream). */
  | { streamed: true };

/** One handler per route of the contract's table; the compiler checks none is missing. */
export type RouteHandlers = {
  [N in RouteName]: (context: RouteContext<ProxyRoutes[N]>) => Promise<Reply<ProxyRoutes[N]>>;
};

/** The context as the server builds it, before the table's types narrow it per route. */
export interface RawRouteContext extends Omit<RouteContext, 'params' | 'body' | 'query'> {
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly query: unknown;
}

export interface CompiledRoute {
  name: RouteName;
  route: ProxyRoute;
  pattern: RegExp;
  names: string[];
  handle: (context: RawRouteContext) => Promise<Reply>;
}

/** Pairs every route of the table with its handler; refuses a handler the table does not list. */
export function compileRoutes(handlers: RouteHandlers): CompiledRoute[] {
  const known = new Set<string>(listRoutes().map(([name]) => name));
  for (const name of Object.keys(handlers)) {
    if (!known.has(name)) throw new Error(`Handler ${name} has no route in lib/proxy-contract`);
  }
  return listRoutes().map(([name, route]) => {
    const names: string[] = [];
    const source = `${API_PREFIX}${route.path}`
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    const handle = handlers[name] as (context: RawRouteContext) => Promise<Reply>;
    return { name, route, pattern: new RegExp(`^${source}$`), names, handle };
  });
}

/** The route for a method and path, with its decoded parameters; 404 or 405 otherwise. */
export function findRoute(
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): { compiled: CompiledRoute; params: Record<string, string> } {
  const allowed: string[] = [];
  for (const compiled of routes) {
    const match = compiled.pattern.exec(path);
    if (!match) continue;
    if (compiled.route.method !== method) {
      allowed.push(compiled.route.method);
      continue;
    }
    const params: Record<string, string> = {};
    compiled.names.forEach((name, index) => {
      params[name] = decodeSegment(match[index + 1] ?? '');
    });
    return { compiled, params };
  }
  if (allowed.length === 0) throw new ProxyFailure('not_found', 'No such route on this proxy.');
  throw new StatusFailure(405, 'bad_request', `Use ${allowed.join(' or ')} here.`, {
    Allow: allowed.join(', '),
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ProxyFailure('bad_request', 'The URL is not correctly encoded.');
  }
}
