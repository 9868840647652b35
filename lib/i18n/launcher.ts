/**
 * The launcher's own words, apart from the dictionaries: the launcher is on every control-panel
 * page and must stay small, the dictionaries come with the drawer (en.ts and fr.ts use these).
 */
import type { Lang } from './translate.ts';

export const LAUNCHER_TEXT = {
  en: {
    label: 'Migrate platform',
    failed:
      'The migration panel could not load. Reload the page; if it persists, reload the extension.',
  },
  fr: {
    label: 'Migrer de plateforme',
    failed:
      'Le panneau de migration n’a pas pu se charger. Rechargez la page ; si le problème persiste, rechargez l’extension.',
  },
} as const satisfies Record<Lang, Record<string, string>>;
