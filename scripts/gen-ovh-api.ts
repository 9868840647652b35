/**
 * Writes `lib/ovh-api/generated/<family>.ts`: zod schemas and types for the API models this
 * project uses, derived from OvhCloud's vendored schemas (`lib/ovh-api/schemas/*.json`) so field
 * names and enum values are the official ones. Run `npm run gen:ovh-api` after updating a schema;
 * `tests/unit/ovh-api/generated.test.ts` fails while the files are stale.
 *
 * Response schemas are tolerant where the real API needs it: unknown fields are stripped,
 * `canBeNull` fields accept null (and a missing key, read as null), dates stay strings.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface SchemaProperty {
  type: string;
  readOnly?: boolean;
  canBeNull?: boolean;
  description?: string;
}

interface SchemaModel {
  id: string;
  namespace: string;
  description?: string;
  properties?: Record<string, SchemaProperty>;
  enum?: string[];
}

interface SchemaDocument {
  models: Record<string, SchemaModel>;
}

export interface FamilySpec {
  /** Output file: `lib/ovh-api/generated/<family>.ts`. */
  family: string;
  /** Vendored schema under `lib/ovh-api/schemas/`. */
  schemaFile: string;
  /** Model keys the project uses (the `responseType` of the calls it makes, and PUT bodies). */
  models: string[];
  /** Export names where the official id would clash or shadow a global. */
  names?: Record<string, string>;
}

export const FAMILIES: FamilySpec[] = [
  {
    family: 'exchange',
    schemaFile: 'email-exchange.json',
    models: [
      // GET .../service/{svc}; also the PUT body (`email.exchange.ExchangeService`).
      'email.exchange.ExchangeServiceWithIAM',
      'email.exchange.Account',
      'email.exchange.Domain',
      'email.exchange.Task',
      'email.exchange.exchangeAccountAlias',
      'email.exchange.exchangeAccountProtocol',
      'email.exchange.exchangeServiceProtocol',
      // PST export of an account (GET …/export, GET …/exportURL).
      'email.exchange.Export',
      'email.exchange.ExportUrl',
    ],
  },
  {
    family: 'pro',
    schemaFile: 'email-pro.json',
    models: [
      // GETs return the *Native models (all read-only); PUT bodies are Service/Account/Domain.
      'email.pro.ServiceNativeWithIAM',
      'email.pro.Service',
      'email.pro.AccountNative',
      'email.pro.Account',
      'email.pro.DomainNative',
      'email.pro.Domain',
      'email.pro.Task',
      'email.pro.AccountAlias',
    ],
  },
  {
    family: 'mxplan',
    schemaFile: 'email-mxplan.json',
    models: [
      // Same fields and flags as the PUT body `email.mxplan.Service`, plus `iam`.
      'email.mxplan.ServiceWithIAM',
      'email.mxplan.Account',
      'email.mxplan.Domain',
      'email.mxplan.AccountAlias',
      'email.mxplan.accountCapabilities',
      // The new MX Plan reuses E-mail Pro's task model.
      'email.pro.Task',
    ],
  },
  {
    family: 'domain',
    schemaFile: 'email-domain.json',
    models: [
      'email.domain.DomainServiceWithIAM',
      'email.domain.Account',
      'email.domain.TaskPop',
      'domain.DomainQuota',
      'domain.DomainSummary',
      'domain.DomainUsageAccountStruct',
      'email.domain.MigrationService',
      'email.domain.MigrationAccount',
      'email.domain.MigrationCheckStruct',
      'email.domain.MigrationServiceType',
    ],
  },
  {
    family: 'zone',
    schemaFile: 'domain-zone.json',
    models: [
      'domain.ZoneWithIAM',
      'domain.zone.Record',
      'domain.zone.RecordCreate',
      'domain.zone.RecordUpdate',
    ],
    names: {
      'domain.zone.Record': 'ZoneRecord',
      'domain.zone.RecordCreate': 'ZoneRecordCreate',
      'domain.zone.RecordUpdate': 'ZoneRecordUpdate',
    },
  },
];

/**
 * Enums OvhCloud extends without notice and the project never branches on: an unknown value must
 * not make a whole task unreadable, so these parse any string (known values keep their types).
 */
const OPEN_ENUMS = /\.TaskFunctionEnum$/;

const PRIMITIVES: Record<string, string> = {
  boolean: 'z.boolean()',
  long: 'z.number()',
  double: 'z.number()',
  // Dates and addresses stay strings: the API's formats vary and callers only display them.
  string: 'z.string()',
  text: 'z.string()',
  password: 'z.string()',
  phoneNumber: 'z.string()',
  date: 'z.string()',
  datetime: 'z.string()',
  uuid: 'z.string()',
  ip: 'z.string()',
  ipv4: 'z.string()',
  ipv6: 'z.string()',
  ipv4Block: 'z.string()',
  'map[string]string': 'z.record(z.string(), z.string())',
};

const LINE_WIDTH = 100;

const quote = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

const propertyKey = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name));

const docComment = (indent: string, text: string) =>
  `${indent}/** ${text.replaceAll('*/', '* /').replace(/\s+/g, ' ').trim()} */`;

/** `head[a, b]tail` on one line when it fits, else one item per line (Biome's layout). */
function list(indent: string, head: string, items: string[], tail: string): string[] {
  const oneLine = `${indent}${head}[${items.join(', ')}]${tail}`;
  if (items.length === 0 || oneLine.length <= LINE_WIDTH) return [oneLine];
  return [`${indent}${head}[`, ...items.map((item) => `${indent}  ${item},`), `${indent}]${tail}`];
}

/** Resolves a type reference; PUT bodies name a `...WithIAM` model by its plain id. */
function findModel(doc: SchemaDocument, key: string): [string, SchemaModel] {
  const direct = doc.models[key];
  if (direct) return [key, direct];
  const byId = Object.entries(doc.models).find(([, m]) => `${m.namespace}.${m.id}` === key);
  if (!byId) throw new Error(`model ${key} is not in the schema`);
  return byId;
}

/** The model keys a type string refers to (`email.pro.TaskStatusEnum[]` → that enum). */
function referencedModel(type: string): string | undefined {
  const base = type.endsWith('[]') ? type.slice(0, -2) : type;
  return base in PRIMITIVES ? undefined : base;
}

export function generateFamily(spec: FamilySpec, doc: SchemaDocument): string {
  const order: string[] = [];
  const names = new Map<string, string>();
  const visiting = new Set<string>();

  const visit = (requested: string) => {
    const [key, model] = findModel(doc, requested);
    if (names.has(key)) return;
    if (visiting.has(key)) throw new Error(`${key} refers to itself`);
    visiting.add(key);
    for (const property of Object.values(model.properties ?? {})) {
      const ref = referencedModel(property.type);
      if (ref) visit(ref);
    }
    visiting.delete(key);
    const name = spec.names?.[key] ?? pascal(model.id);
    const clash = [...names].find(([, other]) => other === name);
    if (clash) throw new Error(`${key} and ${clash[0]} both export ${name}: add a name override`);
    names.set(key, name);
    order.push(key);
  };
  for (const key of spec.models) visit(key);

  const nameOf = (type: string) => {
    const name = names.get(findModel(doc, type)[0]);
    if (!name) throw new Error(`${type} was not generated`);
    return name;
  };
  const zodFor = (type: string): string => {
    if (type.endsWith('[]')) return `z.array(${zodFor(type.slice(0, -2))})`;
    return PRIMITIVES[type] ?? `${nameOf(type)}Schema`;
  };

  let usesOpenEnum = false;
  const body: string[] = [];
  const writable: string[] = [];
  for (const key of order) {
    const [, model] = findModel(doc, key);
    const name = names.get(key) as string;
    body.push('', docComment('', `${model.description ?? name} (\`${key}\`).`));
    if (model.enum) {
      const open = OPEN_ENUMS.test(key);
      usesOpenEnum ||= open;
      const values = model.enum.map(quote);
      body.push(
        ...list('', `export const ${name}Schema = ${open ? 'openEnum' : 'z.enum'}(`, values, ');'),
      );
    } else {
      const properties = Object.entries(model.properties ?? {});
      body.push(`export const ${name}Schema = z.object({`);
      for (const [field, property] of properties) {
        if (property.description) body.push(docComment('  ', property.description));
        const nullable = property.canBeNull ? '.nullable().default(null)' : '';
        body.push(`  ${propertyKey(field)}: ${zodFor(property.type)}${nullable},`);
      }
      body.push('});');
      const fields = properties.filter(([, p]) => !p.readOnly).map(([field]) => quote(field));
      writable.push(...list('  ', `${name}: `, fields, ','));
    }
    body.push(`export type ${name} = z.infer<typeof ${name}Schema>;`);
  }

  return [
    `// Generated by scripts/gen-ovh-api.ts from lib/ovh-api/schemas/${spec.schemaFile}: do not edit.`,
    '// Run `npm run gen:ovh-api` after updating the vendored schema.',
    "import { z } from 'zod';",
    ...(usesOpenEnum ? ["import { openEnum } from '../open-enum.ts';"] : []),
    ...body,
    '',
    '/** Per model, the fields that are not read-only: the only ones a PUT body may carry. */',
    'export const writableFields = {',
    ...writable,
    '} as const;',
    '',
  ].join('\n');
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every generated file, keyed by its path relative to the repository root. */
export async function generateAll(root = ROOT): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const spec of FAMILIES) {
    const text = await readFile(join(root, 'lib/ovh-api/schemas', spec.schemaFile), 'utf8');
    const doc = JSON.parse(text) as SchemaDocument;
    files.set(`lib/ovh-api/generated/${spec.family}.ts`, generateFamily(spec, doc));
  }
  return files;
}

async function main() {
  for (const [path, content] of await generateAll()) {
    await mkdir(dirname(join(ROOT, path)), { recursive: true });
    await writeFile(join(ROOT, path), content);
    console.log(`wrote ${path}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
