// Every message key lib/migration declares (STEP_MESSAGES, PREFLIGHT_MESSAGES) has English, and
// the French it has carries the same parameters; step titles and UI strings exist in both.

import { describe, expect, it } from 'vitest';
import { en } from '../../../lib/i18n/en.ts';
import { enMigrationSentences } from '../../../lib/i18n/en-migration.ts';
import { fr } from '../../../lib/i18n/fr.ts';
import { frMigration } from '../../../lib/i18n/fr-migration.ts';
import { PREFLIGHT_MESSAGES, STEP_IDS, STEP_MESSAGES } from '../../../lib/migration/index.ts';

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const declared = [...Object.values(STEP_MESSAGES), ...Object.values(PREFLIGHT_MESSAGES)];

describe('translations of lib/migration', () => {
  it('every declared step and preflight key (and action) has an English sentence', () => {
    const keys = declared.flatMap((s) => (s.action ? [s.key, `${s.key}.action`] : [s.key]));
    expect(keys.filter((k) => !enMigrationSentences[k])).toEqual([]);
  });

  it('every step has a title in English and French', () => {
    for (const id of STEP_IDS) {
      expect(Object.hasOwn(en, `step.${id}.title`), id).toBe(true);
      expect(fr[`step.${id}.title` as keyof typeof fr], id).toBeTruthy();
    }
  });

  it('French sentences for lib/migration keys exist only for declared keys, with their params', () => {
    for (const [key, text] of Object.entries(frMigration)) {
      const english = enMigrationSentences[key];
      if (english === undefined) continue; // an older key, no longer produced
      expect(paramsOf(text), key).toEqual(paramsOf(english));
    }
  });

  it('French and English have the same parameters for every UI string', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(paramsOf(fr[key]), key).toEqual(paramsOf(en[key]));
    }
  });
});
