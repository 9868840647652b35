import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../../lib/i18n/format.ts';
import { resolveLanguage } from '../../../lib/i18n/language.ts';
import { createTranslator } from '../../../lib/i18n/translate.ts';

describe('the panel language', () => {
  it('the extension setting wins, then the control panel, then the browser', () => {
    expect(resolveLanguage({ setting: 'fr', panel: 'en_GB', browser: 'en-US' })).toMatchObject({
      lang: 'fr',
      from: 'setting',
    });
    expect(resolveLanguage({ setting: 'auto', panel: 'fr_CA', browser: 'en-US' })).toEqual({
      lang: 'fr',
      locale: 'fr-CA',
      from: 'panel',
    });
    // A control-panel language without a dictionary (German) falls to the browser's.
    expect(resolveLanguage({ setting: 'auto', panel: 'de_DE', browser: 'fr-FR' })).toMatchObject({
      lang: 'fr',
      from: 'browser',
    });
    expect(resolveLanguage({ panel: null, browser: 'es-ES' })).toEqual({
      lang: 'en',
      locale: 'en',
      from: 'default',
    });
    // The chosen language keeps the panel's region for dates and numbers.
    expect(resolveLanguage({ setting: 'fr', panel: 'fr_CA' }).locale).toBe('fr-CA');
  });
});

describe('translate and format', () => {
  it('fills params and picks plurals by the language rules', () => {
    const fr = createTranslator('fr', 'fr-FR');
    expect(fr.t('run.title', { address: 'a@b.test' })).toBe('Migration de a@b.test');
    expect(fr.plural('destination.free_slots', 1, { count: 1 })).toBe('1 compte libre');
    expect(fr.plural('destination.free_slots', 0, { count: 0 })).toBe('0 compte libre');
    expect(createTranslator('en').plural('destination.free_slots', 0, { count: 0 })).toBe(
      '0 free slots',
    );
    expect(fr.lookup('step.copy_content.title')).toBe('Copier le courrier');
    expect(fr.lookup('no.such.key')).toBeUndefined();
  });

  it('sizes, durations and percents follow the locale', () => {
    const fr = createFormatters('fr-FR');
    const en = createFormatters('en-GB');
    expect(en.bytes(2_400_000)).toBe('2.4 MB');
    expect(fr.bytes(2_400_000)).toMatch(/^2,4\s?Mo$/);
    expect(en.duration(3725)).toBe('1 hr 2 mins');
    expect(fr.duration(45)).toMatch(/^45\s?s$/);
    expect(fr.percent(0.4)).toMatch(/^40\s?%$/);
  });
});
