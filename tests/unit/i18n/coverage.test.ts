// Every message key lib/migration can produce has an English and a French sentence, with the
// same parameters; every action a check carries has its translation too.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../lib/i18n/en.ts';
import { fr } from '../../../lib/i18n/fr.ts';
import { CHECK_IDS, STEP_IDS } from '../../../lib/migration/index.ts';

const PREFLIGHT = path.resolve(import.meta.dirname, '../../../lib/migration/preflight');

/**
 * `check('<id>', '<status>', '<outcome>', …, { action })` calls in lib/migration/preflight.
 * TODO(issue 9): read lib/migration's exported key list once the runner exports one.
 */
function preflightKeys(): Array<{ key: string; action: boolean }> {
  const keys: Array<{ key: string; action: boolean }> = [];
  for (const file of readdirSync(PREFLIGHT).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(PREFLIGHT, file), 'utf8');
    const call = /check\(\s*'([a-z_]+)',\s*'(?:pass|warn|fail)',\s*(?:'([a-z_]+)'|([^,]+)),/g;
    for (let match = call.exec(source); match; match = call.exec(source)) {
      const [, id, outcome, expression] = match;
      // A computed outcome (`lacks ? 'no_groupware' : 'manual'`): every literal in it.
      const outcomes = outcome
        ? [outcome]
        : [...(expression ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
      const rest = source.slice(
        match.index,
        source.indexOf('\n  );', match.index) + 1 || undefined,
      );
      const end = source.indexOf('check(', match.index + 6);
      const body = source.slice(match.index, end === -1 ? undefined : end);
      for (const o of outcomes)
        keys.push({ key: `preflight.${id}.${o}`, action: /action:/.test(body || rest) });
    }
  }
  return keys;
}

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations of lib/migration', () => {
  it('finds the preflight keys of every check', () => {
    const ids = new Set(preflightKeys().map((k) => k.key.split('.')[1]));
    for (const id of CHECK_IDS) expect(ids, id).toContain(id);
  });

  it('every step and preflight key has English and French, with the same params', () => {
    const keys = [
      ...STEP_IDS.flatMap((id) => [`step.${id}`, `step.${id}.title`]),
      ...preflightKeys().flatMap(({ key, action }) => (action ? [key, `${key}.action`] : [key])),
    ];
    const missing = keys.filter((k) => !Object.hasOwn(en, k) || !Object.hasOwn(fr, k));
    expect(missing).toEqual([]);
    for (const key of keys) {
      const english = en[key as keyof typeof en];
      expect(paramsOf(fr[key as keyof typeof fr]), key).toEqual(paramsOf(english));
    }
  });

  it('French and English have the same parameters for every UI string', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(paramsOf(fr[key]), key).toEqual(paramsOf(en[key]));
    }
  });

  it('no French string was left in English', () => {
    const same = (Object.keys(en) as Array<keyof typeof en>).filter(
      (k) => en[k] === fr[k] && en[k].length > 12 && !/^[{}A-Za-z .()/-]*\{/.test(en[k]),
    );
    expect(same).toEqual([]);
  });
});
