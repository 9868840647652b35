import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelStore } from './panel-store.ts';

export const PanelContext = createContext<PanelStore | undefined>(undefined);

/** The panel store; throws at once when a component is rendered outside <PanelContext>. */
export function usePanel(): PanelStore {
  const store = useContext(PanelContext);
  if (store === undefined) throw new Error('usePanel() outside <PanelContext.Provider>');
  return store;
}

/** The translator and formatters of the current language. */
export function useI18n() {
  return usePanel().i18n.value;
}
