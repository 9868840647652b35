/**
 * The person's language choice for the panel (options page), `auto` = follow the control panel.
 * Declared with the other storage items in lib/storage.ts (version, migrations, fixture test).
 */
export { panelLanguage as languageSetting } from '../storage.ts';
