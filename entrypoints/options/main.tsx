import { render } from 'preact';
import { browser } from 'wxt/browser';
import { resolveLanguage } from '../../lib/i18n/language.ts';
import { createTranslator } from '../../lib/i18n/translate.ts';
import { panelLanguage } from '../../lib/storage.ts';
import { App } from './app.tsx';
import './style.css';

// The person's choice in the extension, else the browser's own language (lib/i18n).
const { lang, locale } = resolveLanguage({
  setting: await panelLanguage.getValue(),
  browser: browser.i18n.getUILanguage() || navigator.language,
});
const tr = createTranslator(lang, locale);
document.documentElement.lang = locale;
document.title = tr.t('options.title');
const root = document.getElementById('app');
if (!root) throw new Error('options.html has no #app element');
render(<App tr={tr} />, root);
