/**
 * Which language the panel speaks (issue 9): the person's choice in the extension, else the
 * control panel's own (`localStorage['univers-selected-language']`, e.g. `fr_FR`, `en_GB`), else
 * the browser's. Only English and French have dictionaries; any other language gets English.
 */
import type { Lang } from './translate.ts';

export type LanguageSetting = 'auto' | Lang;

/** The key the control panel keeps its language under (reference: control-panel.md). */
export const PANEL_LANGUAGE_KEY = 'univers-selected-language';

export interface LanguageSources {
  setting?: LanguageSetting | null;
  /** The control panel's value, e.g. `fr_FR`. */
  panel?: string | null;
  /** `navigator.language`, e.g. `fr-FR`. */
  browser?: string | null;
}

export interface ResolvedLanguage {
  lang: Lang;
  /** BCP 47 tag for Intl formatting, e.g. `fr-CA`. */
  locale: string;
  from: 'setting' | 'panel' | 'browser' | 'default';
}

function parse(tag: string | null | undefined): { lang: Lang; locale: string } | undefined {
  if (!tag) return undefined;
  const locale = tag.trim().replace('_', '-');
  const base = locale.split('-')[0]?.toLowerCase();
  if (base !== 'en' && base !== 'fr') return undefined;
  try {
    return { lang: base, locale: Intl.getCanonicalLocales(locale)[0] ?? base };
  } catch {
    return { lang: base, locale: base };
  }
}

export function resolveLanguage(sources: LanguageSources): ResolvedLanguage {
  const { setting } = sources;
  if (setting === 'en' || setting === 'fr') {
    // Keep the region of the panel or browser when it is the same language (fr-CA dates).
    const near = [parse(sources.panel), parse(sources.browser)].find((l) => l?.lang === setting);
    return { lang: setting, locale: near?.locale ?? setting, from: 'setting' };
  }
  const panel = parse(sources.panel);
  if (panel) return { ...panel, from: 'panel' };
  // A control panel language we have no dictionary for (de_DE…): the browser may do better.
  const browser = parse(sources.browser);
  if (browser) return { ...browser, from: 'browser' };
  return { lang: 'en', locale: 'en', from: 'default' };
}

/** Reads the control panel's language; null when storage is not readable (privacy settings). */
export function readPanelLanguage(storage: Pick<Storage, 'getItem'> | undefined): string | null {
  try {
    return storage?.getItem(PANEL_LANGUAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
