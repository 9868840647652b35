/**
 * The pairing component's words, in the browser's language (public/_locales). One place to
 * switch to lib/i18n's typed dictionaries once they land (the panel helper owns them).
 */
import { browser } from 'wxt/browser';

type MessageName = Parameters<typeof browser.i18n.getMessage>[0];

export function text(name: MessageName, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(name, substitutions.map(String));
}
