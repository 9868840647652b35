// /engine/apiv6/*: the API as the control panel reaches it. Each call goes through the session,
// the faults, the schema route table and the request checks before a handler runs; what the
// handler returns is projected onto the response model and checked before it is sent.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.ts';
import type { Handler, Routes } from '../routes/handler.ts';
import type { CatalogOperation } from '../schema/catalog.ts';
import { checkJson, parseText } from '../schema/check-value.ts';
import { project } from '../schema/project.ts';
import type { RouteTable } from '../schema/route-table.ts';
import { validateRequest } from '../schema/validate-request.ts';
import { ApiError, badRequest, invalidUrl, isApiError } from './api-error.ts';
import { readBody, sendJson } from './io.ts';
import { type Sessions, sessionIdOf } from './sessions.ts';
import type { Stats } from './stats.ts';

export const API_PREFIX = '/engine/apiv6';

export interface ApiDeps {
  sandbox: SandboxContext;
  table: RouteTable;
  routes: Routes;
  sessions: Sessions;
  stats: Stats;
}

let queryCounter = 0;

/** Shaped like the real header (`EU.ext-2.64415cf2.40437.b4d78937-…`). */
export function newQueryId(): string {
  queryCounter = (queryCounter + 1) % 100_000;
  return `EU.ext-3.${Math.floor(Date.now() / 1000).toString(16)}.${queryCounter}.${randomUUID()}`;
}

const SERVER_ERROR_NAMES: Record<number, string> = {
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function checkSession(deps: ApiDeps, request: IncomingMessage, method: string): void {
  const id = sessionIdOf(request);
  const seq = deps.sessions.seqOf(id);
  if (seq === undefined) throw new ApiError(401, 'Client::Unauthorized', 'You must login first');
  const faults = deps.sandbox.faults;
  // An expired session stays dead once the switch is cleared: only a new login works.
  const death = deps.sessions.deathOf(id);
  if (death !== undefined) {
    throw death === 'forbidden'
      ? new ApiError(403, 'Client::Forbidden', 'This session is forbidden')
      : new ApiError(401, 'Client::Unauthorized', 'This session is invalid');
  }
  if (method !== 'GET' && seq <= faults.privilegeCutoff) {
    // 471 is what the panel gets for a low-privilege session; its body is our guess.
    throw new ApiError(
      471,
      'Client::LowPrivilege',
      'This session has a low privilege level: log in again',
    );
  }
}

function checkFaults(deps: ApiDeps, method: string, path: string, template?: string): void {
  const faults = deps.sandbox.faults;
  const limit = faults.current.rateLimit;
  if (limit !== null && faults.overRateLimit(deps.sandbox.now())) {
    // Retry-After in seconds, as HTTP says (the real API's use of it is our guess: README).
    throw new ApiError(429, 'Client::TooManyRequests', 'Too many requests, slow down', undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(limit.windowMs / 1000))),
    });
  }
  const expired = faults.expiredServiceIn(path);
  if (expired !== undefined) {
    // 460 is what the panel's client handles as an expired service; the body is our guess.
    throw new ApiError(460, 'Client::ServiceExpired', `The service ${expired} is expired`);
  }
  const status = faults.takeServerError(method, path, template);
  if (status !== undefined) {
    const name = SERVER_ERROR_NAMES[status] ?? 'Error';
    throw new ApiError(status, `Server::${name}`, `${name} (sandbox fault)`);
  }
}

function checkIam(deps: ApiDeps, entry: CatalogOperation): void {
  const denied = (entry.operation.iamActions ?? [])
    .map((a) => a.name)
    .filter((name) => deps.sandbox.faults.isDenied(name));
  if (denied.length > 0) {
    // details values are strings in the real API (go-ovh types them map[string]string).
    throw new ApiError(403, 'Client::Forbidden', 'User not granted for this request', {
      unauthorizedActionsByAuthentication: '',
      unauthorizedActionsByIAM: denied.join(','),
    });
  }
}

/** What the handler returned, as the operation's response type, checked. */
function shape(entry: CatalogOperation, result: unknown): unknown {
  const type = entry.operation.responseType;
  if (type === 'void') return null;
  const value =
    entry.models[type]?.properties !== undefined
      ? project(entry.models, type, result as Record<string, unknown>)
      : result;
  const problem = checkJson(value, type, entry.models, 'response', { complete: true });
  if (problem !== undefined) {
    throw new Error(
      `sandbox bug: ${entry.method} ${entry.template} answered something that is not a ${type}: ${problem.message}`,
    );
  }
  return value;
}

async function parseBody(request: IncomingMessage, method: string): Promise<unknown> {
  if (method === 'GET' || method === 'DELETE') return undefined;
  const text = await readBody(request);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON received');
  }
}

async function runBatch(
  deps: ApiDeps,
  entry: CatalogOperation,
  handler: Handler,
  params: Record<string, string>,
  query: URLSearchParams,
  separator: string,
): Promise<unknown> {
  const last = /\{([^}]+)\}$/.exec(entry.template)?.[1] as string;
  const checked = validateRequest(entry, {
    pathParams: params,
    query,
    body: undefined,
    skipPath: last,
  });
  const type = entry.operation.parameters.find((p) => p.name === last)?.dataType ?? 'string';
  const results = [];
  for (const key of (params[last] as string).split(separator)) {
    const parsed = parseText(key, type, entry.models, last);
    if ('problem' in parsed) {
      results.push({ key, value: null, error: parsed.problem.message });
      continue;
    }
    try {
      const value = await handler({
        sandbox: deps.sandbox,
        method: entry.method,
        template: entry.template,
        path: { ...checked.path, [last]: parsed.value },
        query: checked.query,
        body: {},
      });
      results.push({ key, value: shape(entry, value), error: null });
    } catch (error) {
      if (!isApiError(error)) throw error;
      results.push({ key, value: null, error: error.message });
    }
  }
  return results;
}

export async function handleApi(
  deps: ApiDeps,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const queryId = newQueryId();
  const method = (request.method ?? 'GET').toUpperCase();
  const path = url.pathname.slice(API_PREFIX.length) || '/';
  const match = deps.table.match(method, path);
  const template =
    match.kind === 'found'
      ? match.entry.template
      : match.kind === 'method'
        ? match.template
        : undefined;
  deps.stats.count(method, template ?? path);
  try {
    if (match.kind !== 'found' || !match.entry.operation.noAuthentication) {
      checkSession(deps, request, method);
    }
    checkFaults(deps, method, path, template);
    // A known path with another method gets the same 404 as an unknown path: the real API
    // routes on method + path together (README.md).
    if (match.kind !== 'found') throw invalidUrl();
    const { entry, params } = match;
    checkIam(deps, entry);
    const body = await parseBody(request, method);
    const handler = deps.routes.get(`${entry.method} ${entry.template}`);
    const batch = request.headers['x-ovh-batch'];
    if (
      typeof batch === 'string' &&
      batch !== '' &&
      method === 'GET' &&
      entry.template.endsWith('}')
    ) {
      if (handler === undefined) throw notImplemented(entry);
      const result = await runBatch(deps, entry, handler, params, url.searchParams, batch);
      sendJson(response, 200, result, { 'X-Ovh-QueryID': queryId });
      return;
    }
    const current = method === 'PUT' ? await currentObject(deps, entry, params, url) : undefined;
    const checked = validateRequest(entry, {
      pathParams: params,
      query: url.searchParams,
      body,
      ...(current === undefined ? {} : { current }),
    });
    if (handler === undefined) throw notImplemented(entry);
    const result = await handler({
      sandbox: deps.sandbox,
      method,
      template: entry.template,
      path: checked.path,
      query: checked.query,
      body: checked.body,
    });
    const lost = deps.sandbox.faults.takeLostAnswer(method, path, template);
    if (lost === 'cut') {
      // Applied, but the client never hears back (a proxy or the network dropped it).
      deps.sandbox.log(`API ${method} ${path}: applied, answer lost (fault)`);
      response.destroy();
      return;
    }
    if (lost !== undefined) {
      throw new ApiError(
        lost,
        'Server::GatewayTimeout',
        'GatewayTimeout (sandbox fault: applied, answer lost)',
      );
    }
    sendJson(response, 200, shape(entry, result), { 'X-Ovh-QueryID': queryId });
  } catch (error) {
    if (isApiError(error)) {
      sendJson(response, error.status, error.toBody(), {
        'X-Ovh-QueryID': queryId,
        ...error.headers,
      });
      return;
    }
    deps.sandbox.log(
      `API ${method} ${path} crashed: ${error instanceof Error ? error.stack : String(error)}`,
    );
    sendJson(
      response,
      500,
      { class: 'Server::InternalServerError', message: `Sandbox failure: ${String(error)}` },
      { 'X-Ovh-QueryID': queryId },
    );
  }
}

/**
 * What a GET on the same path answers now, projected onto its model: a PUT may send a read-only
 * property back with this value (the control panel itself does, on E-mail Pro).
 */
async function currentObject(
  deps: ApiDeps,
  entry: CatalogOperation,
  params: Record<string, string>,
  url: URL,
): Promise<Record<string, unknown> | undefined> {
  const get = deps.table.match('GET', url.pathname.slice(API_PREFIX.length));
  if (get.kind !== 'found' || get.entry.template !== entry.template) return undefined;
  const handler = deps.routes.get(`GET ${entry.template}`);
  if (handler === undefined) return undefined;
  const checked = validateRequest(get.entry, {
    pathParams: params,
    query: new URLSearchParams(),
    body: undefined,
  });
  const value = await handler({
    sandbox: deps.sandbox,
    method: 'GET',
    template: entry.template,
    path: checked.path,
    query: {},
    body: {},
  });
  return shape(get.entry, value) as Record<string, unknown>;
}

/** A schema operation the sandbox does not implement: loud, so no test mistakes it for success. */
function notImplemented(entry: CatalogOperation): ApiError {
  return new ApiError(
    501,
    'Server::NotImplemented',
    `The sandbox does not implement ${entry.method} ${entry.template} (it is in ${entry.source})`,
  );
}
