/**
 * The drawer's side of lib/host-page/drawer-contract.ts: the panel store and its Preact tree in
 * the container the launcher gives, the language and page the launcher follows, and the
 * `beforeunload` guard while an API change is in flight.
 */
import { render } from 'preact';
import type { DrawerHandle, DrawerHost } from '../../lib/host-page/drawer-contract.ts';
import type { PanelDeps } from '../stores/deps.ts';
import { createPanelStore } from '../stores/panel-store.ts';
import { App } from './app.tsx';

export function mountPanel(
  container: HTMLElement,
  host: DrawerHost,
  deps: PanelDeps,
): DrawerHandle {
  const store = createPanelStore(deps, host.language);
  store.page.value = host.page;
  const close = () => {
    store.open.value = false;
    host.onClose();
  };
  render(<App store={store} onClose={close} />, container);

  // While an API change is in flight, leaving the page asks first (the run resumes anyway).
  const guard = (event: BeforeUnloadEvent) => {
    if (!store.guard.value) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', guard);

  return {
    open() {
      store.open.value = true;
    },
    setPage(page) {
      store.page.value = page;
    },
    setLanguage(language) {
      store.lang.value = language;
    },
    unmount() {
      window.removeEventListener('beforeunload', guard);
      render(null, container);
    },
  };
}
