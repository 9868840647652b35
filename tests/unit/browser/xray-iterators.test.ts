import { describe, expect, it } from 'vitest';
import { makeXrayIteratorsIterable } from '../../../lib/browser/xray-iterators.ts';

/** What a Firefox content script sees: iterators with `next()` but no `Symbol.iterator`. */
class XrayLikeHeaders {
  readonly #pairs: [string, string][] = [
    ['accept', 'application/json'],
    ['x-test', '1'],
  ];
  entries() {
    const inner = this.#pairs[Symbol.iterator]();
    return { next: () => inner.next() };
  }
  keys() {
    const inner = this.#pairs.map(([key]) => key)[Symbol.iterator]();
    return { next: () => inner.next() };
  }
  values() {
    return this.#pairs.map(([, value]) => value)[Symbol.iterator]();
  }
}

describe('makeXrayIteratorsIterable', () => {
  it('makes the broken iterator methods iterable, leaves the working ones alone', () => {
    const before = XrayLikeHeaders.prototype.values;
    expect(() => [...(new XrayLikeHeaders().entries() as unknown as Iterable<unknown>)]).toThrow(
      /not iterable/,
    );
    expect(makeXrayIteratorsIterable({ Headers: XrayLikeHeaders })).toEqual([
      'Headers.entries',
      'Headers.keys',
    ]);
    const headers = new XrayLikeHeaders();
    expect([...(headers.entries() as unknown as Iterable<unknown>)]).toEqual([
      ['accept', 'application/json'],
      ['x-test', '1'],
    ]);
    expect([...(headers.keys() as unknown as Iterable<unknown>)]).toEqual(['accept', 'x-test']);
    expect(XrayLikeHeaders.prototype.values).toBe(before);
    // Once fixed, there is nothing left to fix.
    expect(makeXrayIteratorsIterable({ Headers: XrayLikeHeaders })).toEqual([]);
  });

  it('changes nothing where the platform is fine (Node, Chrome, extension pages)', () => {
    const entries = Headers.prototype.entries;
    expect(makeXrayIteratorsIterable()).toEqual([]);
    expect(Headers.prototype.entries).toBe(entries);
  });
});
