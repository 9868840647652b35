/**
 * The "Migrate platform" side panel, mounted in the launcher's shadow root on first open
 * (mount-panel.tsx). Keyboard: the launcher opens it and its heading gets the focus; Escape or
 * the close button shuts it and the launcher gets the focus back (the content script's side).
 * Closed, it stays mounted and hidden, so that a run it shows goes on (closing the panel is not
 * stopping the migration: the run view's Stop is).
 */
import { useRef } from 'preact/hooks';
import { BatchView } from '../batch/batch-view.tsx';
import { Drawer } from '../kit/index.ts';
import { RunView } from '../run/run-view.tsx';
import type { PanelStore } from '../stores/panel-store.ts';
import { PanelContext } from '../stores/use-panel.ts';
import { Wizard } from '../wizard/wizard.tsx';
import { HomeView } from './home-view.tsx';

export interface AppProps {
  store: PanelStore;
  /** The person closed the panel. */
  onClose(): void;
}

export function App({ store, onClose }: AppProps) {
  const { tr } = store.i18n.value;
  const t = tr.t;
  const view = store.view.value;
  const opened = useRef(false);
  if (store.open.value) opened.current = true;
  return (
    <PanelContext.Provider value={store}>
      <div class="mp-root" lang={tr.locale} data-testid="panel-root" data-lang={tr.lang}>
        {/* The one live region: step changes, every 10 %, the outcome. */}
        <div class="mp-sr-only" role="status" aria-live="polite" data-testid="panel-announcer">
          {store.announcer.text.value}
        </div>
        {opened.current && (
          <Drawer
            open={store.open.value}
            title={t('panel.title')}
            closeLabel={t('panel.close')}
            onClose={onClose}
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
