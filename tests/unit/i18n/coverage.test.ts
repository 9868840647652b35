// Every text a person can meet has French: lib/migration's declared keys (STEP_MESSAGES,
// PREFLIGHT_MESSAGES, with their actions), its error codes, the proxy's error codes, the panel's
// own strings; each French sentence has the same parameters as its English, quotes OVHcloud's
// words rather than leaving them bare, and is reviewed again when the English it translates
// changes (fr-migration.sources.json holds the English each French sentence was written from).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  passwordProblemText,
  rollbackWarningText,
} from '../../../components/text/migration-text.ts';
import { en } from '../../../lib/i18n/en.ts';
import { enMigrationSentences } from '../../../lib/i18n/en-migration.ts';
import { fr } from '../../../lib/i18n/fr.ts';
import { frMigration } from '../../../lib/i18n/fr-migration.ts';
import { createTranslator } from '../../../lib/i18n/translate.ts';
import {
  ALL_ROLLBACK_MESSAGES,
  fillTemplate,
  MIGRATION_ERROR_CODES,
  PREFLIGHT_MESSAGES,
  passwordProblems,
  ROLLBACK_WARNINGS,
  STEP_IDS,
  STEP_MESSAGES,
} from '../../../lib/migration/index.ts';
import { ERROR_CODES } from '../../../lib/proxy-contract/index.ts';

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every key lib/migration can produce, with the English it declares. */
const declared: Array<[key: string, english: string]> = [
  ...Object.values(STEP_MESSAGES),
  ...Object.values(PREFLIGHT_MESSAGES),
  ...ALL_ROLLBACK_MESSAGES,
].flatMap((spec) => [
  [spec.key, spec.en] as [string, string],
  ...(spec.action ? [[`${spec.key}.action`, spec.action] as [string, string]] : []),
]);

const SOURCES_FILE = path.join(import.meta.dirname, 'fr-migration.sources.json');

describe('French for lib/migration', () => {
  it('every declared step and preflight key (and action) has English', () => {
    expect(declared.filter(([key]) => !enMigrationSentences[key]).map(([key]) => key)).toEqual([]);
  });

  it('every declared key (and action) has French with the same parameters', () => {
    const problems = declared.flatMap(([key, english]) => {
      const french = frMigration[key];
      if (french === undefined) return [`${key}: no French for "${english}"`];
      const [want, got] = [paramsOf(english), paramsOf(french)];
      return want.join() === got.join() ? [] : [`${key}: params ${got} instead of ${want}`];
    });
    expect(problems).toEqual([]);
  });

  it('no French sentence is left for a key lib/migration no longer declares', () => {
    const keys = new Set(declared.map(([key]) => key));
    expect(Object.keys(frMigration).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('each French sentence translates the English lib/migration declares today', () => {
    const current = Object.fromEntries(declared);
    if (process.env.UPDATE_FR_SOURCES === '1') {
      // Only after reviewing the French of every key listed by a failure of this test.
      const sorted = Object.fromEntries(
        Object.entries(current).sort(([a], [b]) => a.localeCompare(b)),
      );
      writeFileSync(SOURCES_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
    }
    const written = JSON.parse(readFileSync(SOURCES_FILE, 'utf8')) as Record<string, string>;
    const changed = Object.entries(current)
      .filter(([key, english]) => written[key] !== english)
      .map(([key, english]) => `${key}: was "${written[key] ?? '(new)'}", now "${english}"`);
    // A changed English sentence: check its French in lib/i18n/fr-migration.ts, then run this
    // file once with UPDATE_FR_SOURCES=1 to record the English it now translates.
    expect(changed).toEqual([]);
  });

  it('OVHcloud’s words (errors, reasons, states) are quoted inside the French sentence', () => {
    const bare = Object.entries(frMigration).filter(([, french]) =>
      ['error', 'reasons', 'state', 'login'].some(
        (param) => french.includes(`{${param}}`) && !french.includes(`« {${param}} »`),
      ),
    );
    expect(bare).toEqual([]);
  });

  it('every step has a title in English and French', () => {
    for (const id of STEP_IDS) {
      expect(Object.hasOwn(en, `step.${id}.title`), id).toBe(true);
      expect(fr[`step.${id}.title` as keyof typeof fr], id).toBeTruthy();
    }
  });

  it('every password problem lib/migration reports is said in French', () => {
    const policy = {
      minLength: 9,
      maxLength: 12,
      complexity: true,
      forbidden: /[^\x20-\x7e]|^\s|\s$/,
    };
    const said = [...passwordProblems(policy, ' é'), ...passwordProblems(policy, 'a'.repeat(20))];
    expect(said.length).toBeGreaterThanOrEqual(4);
    const french = createTranslator('fr');
    for (const problem of said)
      expect(passwordProblemText(french, problem), problem).not.toBe(problem);
  });
});

describe('what a rollback leaves to do by hand', () => {
  const english = createTranslator('en');
  const french = createTranslator('fr');
  // Each warning as the runner stores it: its key, params (named after themselves), English.
  const warnings = Object.values(ROLLBACK_WARNINGS).map((spec) => {
    const params = Object.fromEntries(spec.params.map((p) => [p, `«${p}»`]));
    return { key: spec.key, params, text: fillTemplate(spec.en, params) };
  });

  it('every warning key has English and French, each with its params filled in', () => {
    expect(warnings).toHaveLength(7);
    for (const warning of warnings) {
      expect(rollbackWarningText(english, warning), warning.key).toBe(warning.text);
      const text = rollbackWarningText(french, warning);
      expect(text, warning.key).not.toBe(warning.text);
      expect(frMigration[warning.key], warning.key).toBeDefined();
      for (const value of Object.values(warning.params)) expect(text, warning.key).toContain(value);
    }
  });

  it('a warning saved as a plain English sentence (runs before keys) reads as it is', () => {
    const old = 'dupont-avocats.test was added to emailpro-ab12345-1 and is still there.';
    expect(rollbackWarningText(english, old)).toBe(old);
    expect(rollbackWarningText(french, old)).toBe(old);
  });
});

describe('French for the error codes and the panel', () => {
  it('every migration error code has a sentence and a next action', () => {
    const missing = MIGRATION_ERROR_CODES.flatMap((code) =>
      [`error.${code}`, `error.${code}.action`].filter((key) => !Object.hasOwn(en, key)),
    );
    expect(missing).toEqual([]);
  });

  it('every proxy error code has a sentence', () => {
    expect(ERROR_CODES.filter((code) => !Object.hasOwn(en, `proxyError.${code}`))).toEqual([]);
  });

  it('French and English have the same parameters for every UI string', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(paramsOf(fr[key]), key).toEqual(paramsOf(en[key]));
    }
  });

  it('no French UI string is a copy of its English', () => {
    // Words that are the same in both languages.
    const same = new Set([
      'wizard.source.title',
      'wizard.destination.title',
      'wizard.plan.title',
      'account.ok',
      'check.pass',
      'dns.ok',
      'report.messages',
      'copy.rate',
      'copy.folder_text',
      'run.messages.one',
      'run.messages.other',
    ]);
    const copies = (Object.keys(en) as Array<keyof typeof en>).filter(
      (key) => en[key] !== '' && fr[key] === en[key] && !same.has(key),
    );
    expect(copies).toEqual([]);
  });
});
