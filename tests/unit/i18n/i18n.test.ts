import { describe, expect, it } from 'vitest';
import { checkText, errorText } from '../../../components/text/migration-text.ts';
import { createFormatters } from '../../../lib/i18n/format.ts';
import { resolveLanguage } from '../../../lib/i18n/language.ts';
import { createTranslator } from '../../../lib/i18n/translate.ts';
import type { MigrationErrorJSON, PreflightCheck } from '../../../lib/migration/index.ts';

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

describe('lib/migration’s texts in the panel', () => {
  const fr = createTranslator('fr', 'fr-FR');
  const en = createTranslator('en', 'en-GB');
  const check = (key: string, params: Record<string, string | number>): PreflightCheck => ({
    id: 'size',
    status: 'fail',
    key,
    params,
    message: 'English message',
    action: 'English action',
  });

  it('a preflight outcome reads in French, its sizes in French units', () => {
    const text = checkText(
      fr,
      check('preflight.size.over_limit', { size: '12.5 GB', limit: '10.0 GB', product: 'MX Plan' }),
    );
    expect(text.text).toBe(
      'La boîte contient 12,5\u00a0Go, plus que les 10\u00a0Go qu’un compte MX Plan peut contenir.',
    );
    expect(text.action).toMatch(/^Archivez/);
    expect(
      checkText(
        en,
        check('preflight.size.over_limit', {
          size: '12.5 GB',
          limit: '10.0 GB',
          product: 'MX Plan',
        }),
      ).text,
    ).toBe('The mailbox holds 12.5\u00a0GB, more than the 10\u00a0GB a MX Plan account may hold.');
  });

  it('password problems and OVHcloud’s words are framed in French', () => {
    const policy = check('preflight.passwords.destination_policy', {
      problems:
        'it must have at least 9 characters; it must mix 3 of: lower case, upper case, digits, symbols',
    });
    expect(checkText(fr, policy).text).toBe(
      'Le mot de passe de destination ne respecte pas les règles de la destination : il doit comporter au moins 9 caractères ; il doit mêler 3 types de caractères parmi : minuscules, majuscules, chiffres, symboles.',
    );
    const identity = check('preflight.passwords.destination_policy', {
      problems: "it must not contain the account's name (employe01)",
    });
    expect(checkText(fr, identity).text).toBe(
      'Le mot de passe de destination ne respecte pas les règles de la destination : il ne doit pas contenir le nom du compte (employe01).',
    );
    const unreadable = check('preflight.source_account.unreadable', {
      address: 'a@b.test',
      error: 'This service does not exist',
    });
    expect(checkText(fr, unreadable).text).toBe(
      'Le compte a@b.test n’a pas pu être lu. Réponse obtenue : « This service does not exist »',
    );
  });

  it('a missing IAM right names the action to grant', () => {
    const error: MigrationErrorJSON = {
      name: 'MigrationError',
      code: 'rename_failed',
      step: 'rename_source',
      message: 'User not granted for this request',
      causeCode: 'not_granted',
      causeMessage: 'User not granted for this request',
      causeActions: ['emailExchange:apiovh:service/account/edit'],
    };
    expect(errorText(en, error).detail).toBe(
      'Right to grant: emailExchange:apiovh:service/account/edit',
    );
    expect(errorText(fr, error)).toMatchObject({
      title: 'Votre utilisateur OVHcloud n’a pas un droit nécessaire à cette étape.',
      detail: 'Droit à accorder : emailExchange:apiovh:service/account/edit',
    });
  });

  it('a failed OVHcloud task is quoted inside a French sentence, with what to do next', () => {
    const error: MigrationErrorJSON = {
      name: 'MigrationError',
      code: 'password_failed',
      step: 'configure_destination',
      message: 'The changePassword task 42 failed (status error).',
      causeCode: 'task_failed',
      causeMessage: 'The changePassword task 42 failed (status error).',
    };
    expect(errorText(fr, error)).toEqual({
      title: 'Un mot de passe n’a pas pu être défini.',
      action: expect.stringMatching(/^Réessayez/),
      detail: 'Réponse d’OVHcloud : « The changePassword task 42 failed (status error) ».',
    });
    expect(errorText(en, error).detail).toBe(
      'OVHcloud answered: “The changePassword task 42 failed (status error)”.',
    );
  });
});
