// Path templates of the schemas (`/email/pro/{service}/account/{email}`) compiled into a trie.
// A literal segment wins over a parameter at the same place (`/email/domain/delegatedAccount`
// is not the domain "delegatedAccount"), with backtracking when the literal branch dead-ends.

import type { CatalogOperation } from './catalog.ts';

export type RouteMatch =
  | { kind: 'found'; entry: CatalogOperation; params: Record<string, string> }
  /** The path is a known template, but not with this method. */
  | { kind: 'method'; template: string; allowed: string[] }
  | { kind: 'unknown' };

interface Node {
  literals: Map<string, Node>;
  param: { name: string; node: Node } | undefined;
  template: string | undefined;
  operations: Map<string, CatalogOperation>;
}

const newNode = (): Node => ({
  literals: new Map(),
  param: undefined,
  template: undefined,
  operations: new Map(),
});

export interface RouteTable {
  match(method: string, path: string): RouteMatch;
  has(method: string, template: string): boolean;
  readonly size: number;
}

/** Splits a request path (without query) into decoded segments; `undefined` if undecodable. */
export function pathSegments(path: string): string[] | undefined {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return [];
  try {
    return trimmed.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

export function buildRouteTable(operations: readonly CatalogOperation[]): RouteTable {
  const root = newNode();
  const keys = new Set<string>();
  for (const entry of operations) {
    let node = root;
    for (const segment of entry.template.split('/').filter((s) => s !== '')) {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      if (param === undefined) {
        let next = node.literals.get(segment);
        if (next === undefined) {
          next = newNode();
          node.literals.set(segment, next);
        }
        node = next;
      } else {
        if (node.param !== undefined && node.param.name !== param) {
          throw new Error(`two parameter names at one place: ${entry.template}`);
        }
        node.param ??= { name: param, node: newNode() };
        node = node.param.node;
      }
    }
    node.template = entry.template;
    node.operations.set(entry.method, entry);
    keys.add(`${entry.method} ${entry.template}`);
  }

  const walk = (
    node: Node,
    segments: readonly string[],
    index: number,
    params: Record<string, string>,
  ): { node: Node; params: Record<string, string> } | undefined => {
    if (index === segments.length)
      return node.template === undefined ? undefined : { node, params };
    const segment = segments[index] as string;
    const literal = node.literals.get(segment);
    if (literal !== undefined) {
      const found = walk(literal, segments, index + 1, params);
      if (found !== undefined) return found;
    }
    if (node.param !== undefined && segment !== '') {
      return walk(node.param.node, segments, index + 1, {
        ...params,
        [node.param.name]: segment,
      });
    }
    return undefined;
  };

  return {
    size: keys.size,
    has: (method, template) => keys.has(`${method.toUpperCase()} ${template}`),
    match(method, path) {
      const segments = pathSegments(path);
      if (segments === undefined) return { kind: 'unknown' };
      const found = walk(root, segments, 0, {});
      if (found === undefined) return { kind: 'unknown' };
      const entry = found.node.operations.get(method.toUpperCase());
      if (entry === undefined) {
        return {
          kind: 'method',
          template: found.node.template as string,
          allowed: [...found.node.operations.keys()],
        };
      }
      return { kind: 'found', entry, params: found.params };
    },
  };
}
