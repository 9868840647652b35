/**
 * The person's language choice for the panel (options page), `auto` = follow the control panel.
 * TODO(plumbing, issue 9): move into lib/storage.ts with the other items once it has a home there.
 */
import { storage } from 'wxt/utils/storage';
import type { LanguageSetting } from './language.ts';

export const languageSetting = storage.defineItem<LanguageSetting>('local:panelLanguage', {
  fallback: 'auto',
  version: 1,
});
