import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App } from './app.tsx';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('options_title');
const root = document.getElementById('app');
if (!root) throw new Error('options.html has no #app element');
render(<App />, root);
