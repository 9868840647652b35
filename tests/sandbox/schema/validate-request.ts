// Checks one API call against its schema operation before any handler runs: path and query
// parameters typed, body fields described, required ones present, read-only ones untouched.
// The wording of each refusal is what the real API sends where it is known (README.md).

import { badRequest } from '../http/api-error.ts';
import type { CatalogOperation, SchemaParameter } from './catalog.ts';
import { checkJson, parseText } from './check-value.ts';

export interface RequestInput {
  pathParams: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Parsed JSON body; `undefined` when the request had none. */
  body: unknown;
  /** A path parameter not to check here (the batch ids, checked one by one). */
  skipPath?: string;
  /**
   * PUT: the object as a GET shows it now. A read-only property sent back with this same value
   * is accepted (and dropped); a changed one is refused.
   */
  current?: Readonly<Record<string, unknown>>;
}

export interface ValidRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

function handlerName(method: string): string {
  // Seen on POST: "... while calling creation handler"; the other names are our guess.
  if (method === 'POST') return 'creation handler';
  if (method === 'PUT') return 'update handler';
  return `${method.toLowerCase()} handler`;
}

const notDescribed = (names: readonly string[], method: string) =>
  badRequest(
    `Received not described parameters: (${names.join(', ')}) while calling ${handlerName(method)}`,
  );

const missing = (name: string) => badRequest(`[${name}] Property is mandatory`);

export function validateRequest(entry: CatalogOperation, input: RequestInput): ValidRequest {
  const { operation, models, method } = entry;
  const params = operation.parameters;
  const out: ValidRequest = { path: {}, query: {}, body: {} };

  for (const p of params.filter((x) => x.paramType === 'path')) {
    const name = p.name as string;
    const text = input.pathParams[name];
    if (text === undefined) throw missing(name);
    if (name === input.skipPath) {
      out.path[name] = text;
      continue;
    }
    const parsed = parseText(text, p.dataType, models, name);
    if ('problem' in parsed) throw badRequest(parsed.problem.message);
    out.path[name] = parsed.value;
  }

  const queryParams = new Map(
    params.filter((x) => x.paramType === 'query').map((x) => [x.name as string, x]),
  );
  const unknownQuery = [...new Set(input.query.keys())].filter((k) => !queryParams.has(k));
  if (unknownQuery.length > 0) throw notDescribed(unknownQuery, method);
  for (const [name, p] of queryParams) {
    const text = input.query.get(name);
    if (text === null) {
      if (p.required) throw missing(name);
      continue;
    }
    const parsed = parseText(text, p.dataType, models, name);
    if ('problem' in parsed) throw badRequest(parsed.problem.message);
    out.query[name] = parsed.value;
  }

  out.body = validateBody(
    entry,
    params.filter((x) => x.paramType === 'body'),
    input.body,
    input.current,
  );
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('Invalid JSON received: the body must be an object');
  }
  return body as Record<string, unknown>;
}

function validateBody(
  entry: CatalogOperation,
  bodyParams: readonly SchemaParameter[],
  raw: unknown,
  current?: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const { models, method } = entry;
  const body = { ...asObject(raw) };
  const whole = bodyParams.find((p) => p.name === undefined);
  if (whole !== undefined) {
    // The body is one model (PUT): its properties are the fields.
    const model = models[whole.dataType];
    const properties = model?.properties;
    if (properties === undefined) throw new Error(`body model ${whole.dataType} has no properties`);
    const unknown = Object.keys(body).filter((k) => properties[k] === undefined);
    if (unknown.length > 0) throw notDescribed(unknown, method);
    for (const [key, value] of Object.entries(body)) {
      const property = properties[key];
      if (property === undefined) continue;
      if (property.readOnly) {
        // The control panel sends whole objects back on E-mail Pro: an unchanged read-only
        // property passes (inferred), a changed one is refused.
        if (current !== undefined && sameValue(current[key], value)) {
          delete body[key];
          continue;
        }
        throw badRequest(`[${key}] Property is read-only`);
      }
      if (value === null) {
        if (!property.canBeNull)
          throw badRequest(`[${key}] Given data is not valid for type ${property.type}`);
        continue;
      }
      const problem = checkJson(value, property.type, models, key);
      if (problem !== undefined) throw badRequest(problem.message);
    }
    if (method === 'POST') {
      for (const [key, property] of Object.entries(properties)) {
        if (property.required && !property.readOnly && body[key] === undefined) throw missing(key);
      }
    }
    return body;
  }

  const named = new Map(bodyParams.map((p) => [p.name as string, p]));
  const unknown = Object.keys(body).filter((k) => !named.has(k));
  if (unknown.length > 0) throw notDescribed(unknown, method);
  const out: Record<string, unknown> = {};
  for (const [name, p] of named) {
    const value = body[name];
    if (value === undefined || value === null) {
      if (p.required) throw missing(name);
      continue;
    }
    const problem = checkJson(value, p.dataType, models, name);
    if (problem !== undefined) throw badRequest(problem.message);
    out[name] = value;
  }
  return out;
}
