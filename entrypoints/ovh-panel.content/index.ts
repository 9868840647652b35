/**
 * The "Migrate platform" launcher in the OVHcloud control panel (issue 9), in a shadow root in the
 * top frame only (the product page's iframe is not entered); the panel itself loads on first open
 * (launcher.ts). The service is detected from the top URL's hash on load and on every location
 * change: the container navigates with replaceState + `ovh-routing-hash-change`, where no
 * hashchange fires.
 */
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { onPanelOpenRequest } from '../../lib/browser/panel-open.ts';
import { CONTROL_PANEL_MATCHES } from '../../lib/host-page/hosts.ts';
import { detectService, sameService } from '../../lib/host-page/page-detect.ts';
import { readPanelLanguage, resolveLanguage } from '../../lib/i18n/language.ts';
import { type PanelLanguageSetting, panelLanguage } from '../../lib/storage.ts';
import { createLauncher, type Launcher } from './launcher.ts';
import './style.css';

const languageOf = (setting: PanelLanguageSetting | null) =>
  resolveLanguage({
    setting,
    panel: readPanelLanguage(globalThis.localStorage),
    browser: navigator.language,
  });

export default defineContentScript({
  matches: [...CONTROL_PANEL_MATCHES],
  allFrames: false,
  runAt: 'document_end',
  cssInjectionMode: 'ui',
  async main(ctx) {
    let page = detectService(location.href);
    let launcher: Launcher | undefined;
    // The person's choice in the extension first, so the button never changes language.
    let language = languageOf(await panelLanguage.getValue().catch(() => null));
    const ui = await createShadowRootUi(ctx, {
      name: 'ovh-migrate-panel',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container) {
        launcher = createLauncher(container, { page, language });
        return container;
      },
      onRemove() {
        launcher?.remove();
        launcher = undefined;
      },
    });
    ui.mount();
    const unwatch = panelLanguage.watch((setting) => {
      language = languageOf(setting);
      launcher?.setLanguage(language);
    });
    ctx.onInvalidated(unwatch);

    const detect = () => {
      const next = detectService(location.href);
      if (sameService(next, page)) return;
      page = next;
      launcher?.setPage(next);
    };
    ctx.addEventListener(window, 'wxt:locationchange', detect);
    ctx.addEventListener(window, 'hashchange', detect);
    window.addEventListener('ovh-routing-hash-change', detect, { signal: ctx.signal });
    // A closing tab stops its runner (saved as paused, its lease released) so that another tab
    // resumes at once; a run whose tab died anyway waits for its lease to run out.
    window.addEventListener('pagehide', () => ui.remove(), { signal: ctx.signal });
    // …and a page the browser keeps and shows again (back/forward cache) gets its launcher back.
    window.addEventListener('pageshow', (event) => event.persisted && ui.mount(), {
      signal: ctx.signal,
    });
    // The toolbar button (entrypoints/background/toolbar-button.ts).
    onPanelOpenRequest(() => void launcher?.open(), ctx.signal);
  },
});
