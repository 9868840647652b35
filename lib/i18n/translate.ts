/**
 * Looks a key up in the language's dictionary and fills its `{param}` placeholders. Plurals:
 * `key.one` / `key.other`, picked by Intl.PluralRules from the `count` param.
 */
import { en, type MessageKey } from './en.ts';
import { enMigrationSentences } from './en-migration.ts';
import { fr } from './fr.ts';
import { frMigration } from './fr-migration.ts';

export type Lang = 'en' | 'fr';
export type Params = Record<string, string | number>;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, fr };
/** lib/migration's sentences by key (steps, preflight outcomes and their actions). */
const SENTENCES: Record<Lang, Readonly<Record<string, string>>> = {
  en: enMigrationSentences,
  fr: frMigration,
};

export interface Translator {
  lang: Lang;
  /** The BCP 47 tag for Intl (the control panel's own, e.g. `fr-CA`, when it matches `lang`). */
  locale: string;
  t(key: MessageKey, params?: Params): string;
  /** `key.one` or `key.other` by `count`. */
  plural(key: PluralBase, count: number, params?: Params): string;
  /** A key built at run time (lib/migration's `step.<id>`): undefined when it has none. */
  lookup(key: string, params?: Params): string | undefined;
}

type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? B : never;
}[MessageKey];

export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function createTranslator(lang: Lang, locale: string = lang): Translator {
  const dictionary = DICTIONARIES[lang];
  const sentences = SENTENCES[lang];
  const rules = new Intl.PluralRules(locale);
  const lookup = (key: string, params?: Params) => {
    const template = Object.hasOwn(dictionary, key)
      ? dictionary[key as MessageKey]
      : Object.hasOwn(sentences, key)
        ? sentences[key]
        : undefined;
    return template === undefined ? undefined : fill(template, params);
  };
  return {
    lang,
    locale,
    t: (key, params) => fill(dictionary[key], params),
    plural(key, count, params = {}) {
      const form = rules.select(count) === 'one' ? 'one' : 'other';
      return lookup(`${key}.${form}`, { count, ...params }) ?? key;
    },
    lookup,
  };
}
