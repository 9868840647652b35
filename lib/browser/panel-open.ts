/**
 * For the content script: calls `open` when the person presses the extension's toolbar button
 * on this tab (the background sends `panel.open`; see entrypoints/background/toolbar-button.ts).
 * Returns a function that stops listening; pass the content script's `ctx.signal` to stop with it.
 */
import { onTabMessages } from '../messaging.ts';

export function onPanelOpenRequest(open: () => void, signal?: AbortSignal): () => void {
  const stop = onTabMessages({
    'panel.open': async () => {
      open();
      return { ok: true, value: null };
    },
  });
  signal?.addEventListener('abort', stop, { once: true });
  return stop;
}
