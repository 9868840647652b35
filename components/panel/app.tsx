/**
 * The "Migrate platform" launcher and side panel, mounted in a shadow root by the content script.
 * Keyboard: the launcher opens the drawer and focuses its heading; Escape or the close button
 * shuts it and gives the focus back to the launcher.
 */
import { useEffect, useRef } from 'preact/hooks';
import { BatchView } from '../batch/batch-view.tsx';
import { Button, Drawer, Icon } from '../kit/index.ts';
import { RunView } from '../run/run-view.tsx';
import type { PanelStore } from '../stores/panel-store.ts';
import { PanelContext } from '../stores/use-panel.ts';
import { Wizard } from '../wizard/wizard.tsx';
import { HomeView } from './home-view.tsx';

export interface AppProps {
  store: PanelStore;
}

export function App({ store }: AppProps) {
  const launcher = useRef<HTMLButtonElement>(null);
  const { tr } = store.i18n.value;
  const t = tr.t;
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !store.open.value) launcher.current?.focus();
    wasOpen.current = store.open.value;
  }, [store.open.value]);

  const view = store.view.value;
  return (
    <PanelContext.Provider value={store}>
      <div class="mp-root" lang={tr.locale} data-testid="panel-root" data-lang={tr.lang}>
        {/* The one live region: step changes, every 10 %, the outcome. */}
        <div class="mp-sr-only" role="status" aria-live="polite" data-testid="panel-announcer">
          {store.announcer.text.value}
        </div>
        {!store.open.value && (
          <Button
            ref={launcher}
            class="mp-launcher"
            data-testid="panel-launcher"
            aria-expanded="false"
            onClick={() => {
              store.open.value = true;
            }}
          >
            <Icon name="migrate" />
            {t('launcher')}
          </Button>
        )}
        {store.open.value && (
          <Drawer
            title={t('panel.title')}
            closeLabel={t('panel.close')}
            onClose={() => {
              store.open.value = false;
            }}
          >
            {view.name === 'home' && <HomeView />}
            {view.name === 'wizard' && <Wizard />}
            {view.name === 'run' && <RunView key={view.runId} runId={view.runId} />}
            {view.name === 'batch' && <BatchView runIds={view.runIds} />}
          </Drawer>
        )}
      </div>
    </PanelContext.Provider>
  );
}
