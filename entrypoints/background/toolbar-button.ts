/**
 * The toolbar button. On a control-panel tab it asks the tab's content script to open the
 * "Migrate platform" panel (`panel.open`); anywhere else (or when the tab has no content script
 * of ours, e.g. a control-panel tab opened before the extension was installed) it opens the
 * options page, where the person pairs the proxy and learns where the panel is.
 */
import { sendTabMessage, type TabOutcome } from '../../lib/messaging.ts';

export interface ToolbarButtonOptions {
  /** `browser.action.onClicked`, or a fake. */
  onClicked: { addListener(listener: (tab: { id?: number }) => void): void };
  /** @default sendTabMessage (lib/messaging.ts) */
  openPanel?: (tabId: number) => Promise<TabOutcome<null>>;
  openOptionsPage(): Promise<void>;
}

export function registerToolbarButton(options: ToolbarButtonOptions): void {
  const openPanel = options.openPanel ?? ((tabId) => sendTabMessage(tabId, 'panel.open'));
  options.onClicked.addListener((tab) => {
    void (async () => {
      // No id: not a web page tab (devtools, some browser windows).
      if (tab.id !== undefined && tab.id >= 0) {
        const opened = await openPanel(tab.id);
        // The panel's content script got the message (an answer, even a failed one): the
        // options page would only add a tab.
        if (opened.ok || opened.error.code !== 'no_receiver') return;
      }
      await options.openOptionsPage();
    })();
  });
}
