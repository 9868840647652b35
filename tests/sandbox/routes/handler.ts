// The shape of an implemented API operation. Handlers return plain data: the API layer projects
// it onto the operation's response model and checks it before sending (see http/api.ts).

import type { SandboxContext } from '../context.ts';

export interface HandlerRequest {
  sandbox: SandboxContext;
  method: string;
  template: string;
  /** Path parameters, typed by the schema (a task `id` is a number). */
  path: Readonly<Record<string, unknown>>;
  query: Readonly<Record<string, unknown>>;
  body: Readonly<Record<string, unknown>>;
}

export type Handler = (request: HandlerRequest) => unknown;

/** `METHOD template` → handler. */
export type Routes = Map<string, Handler>;

export function addRoute(routes: Routes, method: string, template: string, handler: Handler) {
  const key = `${method} ${template}`;
  if (routes.has(key)) throw new Error(`route ${key} registered twice`);
  routes.set(key, handler);
}

/** A path parameter as text (schemas type them all as strings except ids). */
export function pathText(request: HandlerRequest, name: string): string {
  const value = request.path[name];
  if (value === undefined) throw new Error(`sandbox bug: no path parameter ${name}`);
  return String(value);
}

/** SQL-LIKE filter as the API's `(like)` query parameters apply it: `%` any text, `_` one
 * character, case-insensitive; no wildcard means equality. */
export function likeFilter(pattern: unknown): (value: string) => boolean {
  if (typeof pattern !== 'string') return () => true;
  const source = [...pattern]
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`, 'i');
  return (value) => re.test(value);
}
