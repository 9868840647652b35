// Type checks of one value against a schema type (`long`, `boolean`, `email.pro.DomainTypeEnum`,
// `string[]`, a model...). Used on request parameters and, as a dev-time assertion, on what
// the sandbox itself answers. Messages follow what the real API was seen to send
// ("[field] Given data is not valid for type boolean"); see tests/sandbox/README.md.

import type { Models, SchemaModel } from './catalog.ts';

const STRING_TYPES = new Set(['string', 'password', 'text', 'phoneNumber', 'ipv4Block']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

/** A type problem with the field it concerns (dotted path), or `undefined`. */
export interface TypeProblem {
  field: string;
  message: string;
}

const invalidType = (field: string, type: string): TypeProblem => ({
  field,
  message: `[${field}] Given data is not valid for type ${type}`,
});

function enumProblem(field: string, value: unknown, model: SchemaModel): TypeProblem {
  return {
    field,
    message: `[${field}] Given data (${String(value)}) does not belong to the ${model.id} enumeration`,
  };
}

function scalarOk(type: string, value: unknown): boolean | undefined {
  if (STRING_TYPES.has(type)) return typeof value === 'string';
  switch (type) {
    case 'long':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'double':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'ipv4':
      return typeof value === 'string' && IPV4.test(value);
    case 'ipv6':
      return typeof value === 'string' && IPV6.test(value) && value.includes(':');
    case 'ip':
      return (
        typeof value === 'string' && (IPV4.test(value) || (IPV6.test(value) && value.includes(':')))
      );
    default:
      return undefined;
  }
}

export interface CheckOptions {
  /** Every property of an object model must be present (what the sandbox sends must be whole). */
  complete?: boolean;
}

/** Checks a JSON value (already parsed) against a schema type. */
export function checkJson(
  value: unknown,
  type: string,
  models: Models,
  field: string,
  options: CheckOptions = {},
): TypeProblem | undefined {
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return invalidType(field, type);
    for (const [i, item] of value.entries()) {
      const problem = checkJson(item, type.slice(0, -2), models, `${field}.${i}`, options);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  const map = /^map\[string\](.+)$/.exec(type)?.[1];
  if (map !== undefined) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return invalidType(field, type);
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = checkJson(item, map, models, `${field}.${key}`, options);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  // Generic placeholders and generic instances are not checked further.
  if (type === 'T' || type.includes('<')) return undefined;
  const scalar = scalarOk(type, value);
  if (scalar !== undefined) return scalar ? undefined : invalidType(field, type);
  const model = models[type];
  if (model === undefined) throw new Error(`unknown schema type ${type} (${field})`);
  if (model.enum !== undefined) {
    return typeof value === 'string' && model.enum.includes(value)
      ? undefined
      : enumProblem(field, value, model);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalidType(field, type);
  }
  return checkObject(value as Record<string, unknown>, model, models, field, options);
}

function checkObject(
  value: Record<string, unknown>,
  model: SchemaModel,
  models: Models,
  field: string,
  options: CheckOptions,
): TypeProblem | undefined {
  const properties = model.properties ?? {};
  const prefix = field === '' ? '' : `${field}.`;
  for (const key of Object.keys(value)) {
    if (properties[key] === undefined) {
      return { field: `${prefix}${key}`, message: `[${prefix}${key}] Unknown property` };
    }
  }
  for (const [key, property] of Object.entries(properties)) {
    if (!(key in value)) {
      if (options.complete) {
        return { field: `${prefix}${key}`, message: `[${prefix}${key}] Property is missing` };
      }
      continue;
    }
    const item = value[key];
    if (item === null) {
      if (!property.canBeNull) return invalidType(`${prefix}${key}`, property.type);
      continue;
    }
    const problem = checkJson(item, property.type, models, `${prefix}${key}`, options);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Checks a path or query string against a schema type; returns the typed value. */
export function parseText(
  text: string,
  type: string,
  models: Models,
  field: string,
): { value: unknown } | { problem: TypeProblem } {
  switch (type) {
    case 'long':
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))
        ? { value: Number(text) }
        : { problem: invalidType(field, type) };
    case 'double':
      return text.trim() !== '' && Number.isFinite(Number(text))
        ? { value: Number(text) }
        : { problem: invalidType(field, type) };
    case 'boolean':
      // Lower case only: the API refuses `True` (python-ovh issue #32).
      return text === 'true' || text === 'false'
        ? { value: text === 'true' }
        : { problem: invalidType(field, type) };
    default: {
      const model = models[type];
      if (model?.enum !== undefined) {
        return model.enum.includes(text)
          ? { value: text }
          : { problem: enumProblem(field, text, model) };
      }
      const scalar = scalarOk(type, text);
      if (scalar === false) return { problem: invalidType(field, type) };
      return { value: text };
    }
  }
}
