// The contract's error codes against the proxy's code, both ways: every code listed is produced
// somewhere, and every code the proxy produces is listed. A code nobody produces is a sentence
// the extension translates for nothing; one missing from the list breaks the extension.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_SENTENCES } from '../../../lib/proxy-contract/index.ts';

const SOURCE = path.join(import.meta.dirname, '..', '..', '..', 'backend-proxy', 'src');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return Promise.resolve(entry.name.endsWith('.ts') ? [full] : []);
    }),
  );
  return nested.flat();
}

/**
 * Where the proxy makes an error: `new ProxyFailure('code'`, `new StatusFailure(409, 'code'`,
 * the classifier's `fail('code'`, a `#fail('code'` helper, and `code: 'code'` in an error object.
 */
const PRODUCERS = [
  /new ProxyFailure\(\s*'([a-z_]+)'/g,
  /new StatusFailure\(\s*\d+,\s*'([a-z_]+)'/g,
  /\bfail\(\s*'([a-z_]+)'/g,
  /\bcode:\s*'([a-z_]+)'/g,
];

async function producedCodes(): Promise<Map<string, string[]>> {
  const produced = new Map<string, string[]>();
  for (const file of await sources(SOURCE)) {
    const text = await readFile(file, 'utf8');
    for (const pattern of PRODUCERS) {
      for (const match of text.matchAll(pattern)) {
        const code = match[1] ?? '';
        produced.set(code, [...(produced.get(code) ?? []), path.relative(SOURCE, file)]);
      }
    }
  }
  return produced;
}

describe('the error codes of lib/proxy-contract', () => {
  it('are each produced somewhere in the proxy', async () => {
    const produced = await producedCodes();
    const never = ERROR_CODES.filter((code) => !produced.has(code));
    expect(never, 'listed in error-codes.ts, produced nowhere').toEqual([]);
  });

  it('list every code the proxy produces', async () => {
    const produced = await producedCodes();
    const listed = new Set<string>(ERROR_CODES);
    const unlisted = [...produced.keys()].filter((code) => !listed.has(code));
    expect(unlisted, 'produced, not in error-codes.ts').toEqual([]);
  });

  it('each have one plain sentence, ending in a single full stop', () => {
    for (const code of ERROR_CODES) {
      const sentence = ERROR_SENTENCES[code];
      expect(sentence, code).toMatch(/^[A-Z].*[^.]\.$/);
      expect(sentence, code).not.toContain('..');
    }
  });
});
