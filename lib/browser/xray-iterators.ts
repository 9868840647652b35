/**
 * Firefox content scripts see the page's DOM through Xray wrappers, which hide the
 * `Symbol.iterator` of the iterators that `entries()`, `keys()` and `values()` return on
 * `Headers`, `URLSearchParams` and `FormData`: `for (const x of headers.entries())` throws
 * "is not iterable" (the objects themselves stay iterable, and `next()` works). ky iterates
 * exactly that way, so without this every API call of the panel fails in Firefox before it is
 * sent. Known, and left to Firefox by ky: sindresorhus/ky#875; Mozilla bugs 1023984, 1414602.
 *
 * `makeXrayIteratorsIterable()` gives those methods iterable results again, for this content
 * script only: the definitions are Xray expandos, which the page never sees. Elsewhere (Chrome,
 * extension pages, Node) the iterators are fine and nothing is changed.
 */

type IterableHost = { prototype: object };
const METHODS = ['entries', 'keys', 'values'] as const;

/** Returns the names of the methods it had to fix (empty where nothing was broken). */
export function makeXrayIteratorsIterable(
  hosts: Record<string, IterableHost | undefined> = {
    Headers: globalThis.Headers,
    URLSearchParams: globalThis.URLSearchParams,
    FormData: globalThis.FormData,
  },
): string[] {
  const fixed: string[] = [];
  for (const [name, host] of Object.entries(hosts)) {
    if (!host) continue;
    const prototype = host.prototype as Record<string, unknown>;
    for (const method of METHODS) {
      const native = prototype[method];
      if (typeof native !== 'function' || returnsIterable(host, native)) continue;
      prototype[method] = function (this: unknown) {
        const iterator = (native as () => Iterator<unknown>).call(this);
        return {
          next: () => iterator.next(),
          [Symbol.iterator]() {
            return this;
          },
        };
      };
      fixed.push(`${name}.${method}`);
    }
  }
  return fixed;
}

function returnsIterable(host: IterableHost, method: unknown): boolean {
  try {
    const sample = new (host as unknown as new () => object)();
    const result = (method as () => unknown).call(sample) as { [Symbol.iterator]?: unknown };
    return typeof result?.[Symbol.iterator] === 'function';
  } catch {
    // Cannot tell (no argument-less constructor): leave it alone.
    return true;
  }
}
