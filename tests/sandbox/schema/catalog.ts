// The vendored OVHcloud API schemas (lib/ovh-api/schemas), loaded once: the sandbox routes and
// validates every /engine/apiv6 call against them, as the real API does with its own.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ParamType = 'path' | 'query' | 'body';

export interface SchemaParameter {
  /** Absent for a body that is a whole model (PUT bodies). */
  name?: string;
  paramType: ParamType;
  dataType: string;
  required: boolean;
}

export interface SchemaOperation {
  httpMethod: string;
  description: string;
  parameters: SchemaParameter[];
  responseType: string;
  iamActions?: Array<{ name: string; required: boolean }>;
  noAuthentication?: boolean;
}

export interface SchemaProperty {
  type: string;
  readOnly: boolean;
  canBeNull: boolean;
  required?: boolean;
}

export interface SchemaModel {
  id: string;
  namespace: string;
  properties?: Record<string, SchemaProperty>;
  enum?: string[];
  generics?: string[];
}

export type Models = Readonly<Record<string, SchemaModel>>;

interface SchemaDocument {
  resourcePath: string;
  apis: Array<{ path: string; operations: SchemaOperation[] }>;
  models: Record<string, SchemaModel>;
}

/** One operation with the models its own document defines (the files share model names). */
export interface CatalogOperation {
  template: string;
  method: string;
  operation: SchemaOperation;
  models: Models;
  /** The schema file, for messages. */
  source: string;
}

export const SCHEMA_DIR = path.join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'lib',
  'ovh-api',
  'schemas',
);

let cached: CatalogOperation[] | undefined;

export function loadCatalog(dir: string = SCHEMA_DIR): CatalogOperation[] {
  if (dir === SCHEMA_DIR && cached !== undefined) return cached;
  const operations: CatalogOperation[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as SchemaDocument;
    for (const api of doc.apis) {
      for (const operation of api.operations) {
        operations.push({
          template: api.path,
          method: operation.httpMethod.toUpperCase(),
          operation,
          models: doc.models,
          source: file,
        });
      }
    }
  }
  if (dir === SCHEMA_DIR) cached = operations;
  return operations;
}

/** The models of the document that defines `template` (for views built outside a request). */
export function modelsOf(template: string, method = 'GET'): Models {
  const found = loadCatalog().find((o) => o.template === template && o.method === method);
  if (found === undefined) throw new Error(`no ${method} ${template} in the schemas`);
  return found.models;
}
