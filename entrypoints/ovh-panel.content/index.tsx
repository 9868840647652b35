/**
 * The "Migrate platform" panel in the OVHcloud control panel (issue 9): a launcher and a drawer
 * in a shadow root in the top frame only (the product page's iframe is not entered). The service
 * is detected from the top URL's hash on load and on every location change: the container
 * navigates with replaceState + `ovh-routing-hash-change`, where no hashchange fires.
 */
import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { App } from '../../components/panel/app.tsx';
import { createPanelStore } from '../../components/stores/panel-store.ts';
import { onPanelOpenRequest } from '../../lib/browser/panel-open.ts';
import { makeXrayIteratorsIterable } from '../../lib/browser/xray-iterators.ts';
import { CONTROL_PANEL_MATCHES } from '../../lib/host-page/hosts.ts';
import { detectService, sameService } from '../../lib/host-page/page-detect.ts';
import { readPanelLanguage, resolveLanguage } from '../../lib/i18n/language.ts';
import { languageSetting } from '../../lib/i18n/setting.ts';
import { createExtensionDeps } from './deps.ts';
import './style.css';

export default defineContentScript({
  matches: [...CONTROL_PANEL_MATCHES],
  allFrames: false,
  runAt: 'document_end',
  cssInjectionMode: 'ui',
  async main(ctx) {
    // Firefox: ky cannot iterate Headers through the content script's Xray wrappers.
    makeXrayIteratorsIterable();
    const language = resolveLanguage({
      setting: await languageSetting.getValue().catch(() => 'auto' as const),
      panel: readPanelLanguage(globalThis.localStorage),
      browser: navigator.language,
    });
    const store = createPanelStore(createExtensionDeps(), language);
    const detect = () => {
      const next = detectService(location.href);
      if (!sameService(next, store.page.value)) store.page.value = next;
    };
    detect();

    const ui = await createShadowRootUi(ctx, {
      name: 'ovh-migrate-panel',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container) {
        render(<App store={store} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
    // A closing tab stops its runner (saved as paused, its lease released) so that another tab
    // resumes at once; a run whose tab died anyway waits for its lease to run out.
    window.addEventListener('pagehide', () => ui.remove(), { signal: ctx.signal });

    ctx.addEventListener(window, 'wxt:locationchange', detect);
    ctx.addEventListener(window, 'hashchange', detect);
    window.addEventListener('ovh-routing-hash-change', detect, { signal: ctx.signal });
    // While an API change is in flight, leaving the page asks first (the run resumes anyway).
    window.addEventListener(
      'beforeunload',
      (event) => {
        if (!store.guard.value) return;
        event.preventDefault();
        event.returnValue = '';
      },
      { signal: ctx.signal },
    );
    // The toolbar button (background side: lib/messaging's `panel.open`).
    onPanelOpenRequest(() => {
      store.open.value = true;
    }, ctx.signal);
    languageSetting.watch((setting) => {
      store.lang.value = resolveLanguage({
        setting,
        panel: readPanelLanguage(globalThis.localStorage),
        browser: navigator.language,
      });
    });
  },
});
